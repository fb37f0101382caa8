//! The OpenAPI description, generated from the handlers' annotations.

use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::http::Json;

#[derive(OpenApi)]
#[openapi(
    info(title = "Ortaq API", description = "The API of Ortaq, the platform of a youth coworking center and its community."),
    paths(
        crate::api::me::me,
        crate::spaces::routes::locations_api,
        crate::spaces::routes::location_availability_api,
        crate::spaces::routes::resources_api,
        crate::spaces::routes::resource_api,
        crate::spaces::routes::resource_availability_api,
        crate::spaces::manage_api::create_api,
        crate::spaces::manage_api::edit_api,
        crate::spaces::manage_api::set_rules_api,
        crate::spaces::manage_api::clear_rules_api,
        crate::spaces::manage_api::kind_rules_api,
        crate::spaces::manage_api::location_api,
        crate::spaces::manage_api::hours_api,
        crate::spaces::manage_api::closures_api,
        crate::spaces::manage_api::add_closure_api,
        crate::spaces::manage_api::delete_closure_api,
        crate::spaces::manage_api::access_api,
        crate::bookings::routes::create_api,
        crate::bookings::routes::list_api,
        crate::bookings::routes::read_api,
        crate::bookings::routes::cancel_api,
        crate::bookings::routes::check_in_api,
        crate::bookings::routes::check_in_code_api,
        crate::bookings::routes::decide_api,
        crate::bookings::routes::series_api,
        crate::bookings::routes::series_preview_api,
        crate::auth::routes::signup_api,
        crate::auth::routes::login_api,
        crate::auth::routes::logout_api,
        crate::auth::routes::password_api,
        crate::admin::routes::list_api,
        crate::admin::routes::grant_api,
        crate::admin::routes::revoke_api,
        crate::org::routes::list,
        crate::members::routes::unit_api,
        crate::members::routes::members_api,
        crate::members::routes::add_membership_api,
        crate::members::routes::end_membership_api,
        crate::members::routes::confirm_membership_api,
        crate::members::routes::request_join_api,
        crate::members::routes::unit_requests_api,
        crate::members::routes::my_requests_api,
        crate::members::routes::decide_api,
        crate::members::data_routes::download_api,
        crate::members::data_routes::delete_api,
        crate::members::directory::api,
        crate::members::youth::api,
        crate::org::edit::create_api,
        crate::members::staff::edit_api,
        crate::auth::links::create_api,
        crate::org::edit::edit_api,
        crate::org::edit::directions_api,
        crate::org::edit::add_direction_api,
        crate::org::edit::end_direction_api,
        crate::calendar::routes::create_api,
        crate::calendar::routes::revoke_api,
        crate::occupancy::routes::api,
        crate::initiatives::routes::create_api,
        crate::initiatives::routes::list_api,
        crate::initiatives::routes::read_api,
        crate::initiatives::routes::edit_api,
        crate::initiatives::routes::submit_api,
        crate::initiatives::routes::transition_api,
        crate::initiatives::routes::support_api,
        crate::initiatives::routes::withdraw_support_api,
        crate::initiatives::routes::answer_api,
        crate::initiatives::routes::invite_api,
        crate::initiatives::routes::accept_api,
        crate::initiatives::routes::decline_api,
        crate::initiatives::routes::threshold_api,
        crate::initiatives::routes::set_threshold_api,
        crate::initiatives::routes::overdue_api,
        crate::initiatives::milestones::list_api,
        crate::initiatives::milestones::add_api,
        crate::initiatives::milestones::done_api,
        crate::initiatives::milestones::link_api,
        crate::initiatives::milestones::report_api,
        crate::initiatives::comments::list_api,
        crate::initiatives::comments::add_api,
        crate::initiatives::comments::edit_api,
        crate::initiatives::comments::report_api,
        crate::initiatives::comments::moderate_api,
        crate::initiatives::comments::history_api,
        crate::initiatives::attachments::list_api,
        crate::initiatives::attachments::upload_api,
        crate::initiatives::meetings::list_api,
        crate::initiatives::meetings::create_api,
        crate::initiatives::meetings::read_api,
        crate::initiatives::meetings::add_item_api,
        crate::notifications::page::list_api,
        crate::notifications::page::read_api,
        crate::events::routes::create_api,
        crate::events::routes::list_api,
        crate::events::routes::read_api,
        crate::events::routes::edit_api,
        crate::events::routes::publish_api,
        crate::events::routes::cancel_api,
        crate::events::routes::close_api,
        crate::events::routes::register_api,
        crate::events::routes::cancel_registration_api,
        crate::events::routes::registrations_api,
        crate::events::routes::check_in_api,
        crate::events::routes::rate_api,
        crate::events::routes::ratings_api,
        crate::search::routes::api,
        crate::dashboard::routes::api,
        crate::news::routes::list_api,
        crate::news::routes::read_api,
        crate::news::routes::create_api,
        crate::news::routes::edit_api,
        crate::news::routes::delete_api,
    ),
    modifiers(&Security),
)]
pub struct ApiDoc;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal API token (`ortaq token add`)"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("ortaq_session"))),
        );
    }
}

/// `GET /api/v1/openapi.json`
pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
