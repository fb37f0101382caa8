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
    modifiers(&Security, &Contract),
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

/// What every operation shares, written once rather than on each handler: its
/// `operationId` (`post_bookings_id_cancel`, unique because the method and path are), the
/// refusals any operation can answer (RFC 9457 problems: malformed input, rights, a
/// missing object, a rate limit, the database away), and `application/problem+json` as
/// the media type of every problem answer.
struct Contract;

/// The refusals that any operation may answer, whatever its own annotations list.
const REFUSALS: [(&str, &str); 10] = [
    (
        "400",
        "The request could not be read (malformed JSON, query or path).",
    ),
    ("401", "Not signed in, or the token is unknown or revoked."),
    ("403", "Signed in, but without the right to do this."),
    ("404", "No such object, or one the caller may not see."),
    ("409", "The request conflicts with the object's state."),
    ("413", "The body is larger than the server accepts."),
    (
        "415",
        "The body is not of a media type the operation reads.",
    ),
    (
        "422",
        "A field is refused; `errors` names each field and why.",
    ),
    (
        "429",
        "Too many requests; `Retry-After` says when to try again.",
    ),
    (
        "503",
        "The database is unreachable for the moment; try again.",
    ),
];

impl utoipa::Modify for Contract {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
        let problem = || {
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build()
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let slug = path
                .trim_start_matches("/api/v1/")
                .split('/')
                .map(|part| {
                    part.trim_matches(|c| c == '{' || c == '}')
                        .replace('-', "_")
                })
                .collect::<Vec<_>>()
                .join("_");
            let operations = [
                ("get", &mut item.get),
                ("put", &mut item.put),
                ("post", &mut item.post),
                ("delete", &mut item.delete),
                ("patch", &mut item.patch),
            ];
            for (method, operation) in operations {
                let Some(operation) = operation else { continue };
                operation.operation_id = Some(format!("{method}_{slug}"));
                let responses = &mut operation.responses.responses;
                for response in responses.values_mut() {
                    let RefOr::T(response) = response else {
                        continue;
                    };
                    let refers_to_problem = |content: &utoipa::openapi::Content| matches!(&content.schema, Some(RefOr::Ref(r)) if r.ref_location.ends_with("/Problem"));
                    if let Some(json) = response.content.get("application/json")
                        && refers_to_problem(json)
                    {
                        response.content.shift_remove("application/json");
                        response
                            .content
                            .insert("application/problem+json".to_string(), problem());
                    }
                }
                for (status, description) in REFUSALS {
                    responses.entry(status.to_string()).or_insert_with(|| {
                        RefOr::T(
                            ResponseBuilder::new()
                                .description(description)
                                .content("application/problem+json", problem())
                                .build(),
                        )
                    });
                }
            }
        }
    }
}

/// `GET /api/v1/openapi.json`
pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    /// Two types of one name (`Status` of bookings, of events, of initiatives) would be
    /// one schema in the document, the last one written winning, and every answer of the
    /// others would contradict it. Each type the document holds must have its own name
    /// (`#[schema(as = BookingStatus)]` where Rust names repeat).
    #[test]
    fn every_schema_has_a_name_of_its_own() {
        fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    out.push((path.display().to_string(), text));
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (file, text) in &files {
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                if !line.contains("utoipa::ToSchema") || !line.trim_start().starts_with("#[derive")
                {
                    continue;
                }
                let mut renamed = None;
                for next in &lines[i + 1..] {
                    let next = next.trim();
                    if let Some(rest) = next.strip_prefix("#[schema(as = ") {
                        renamed = Some(rest.trim_end_matches(")]").to_string());
                    }
                    let declared = next
                        .strip_prefix("pub struct ")
                        .or_else(|| next.strip_prefix("pub enum "))
                        .or_else(|| next.strip_prefix("struct "))
                        .or_else(|| next.strip_prefix("enum "));
                    if let Some(rest) = declared {
                        let name: String = rest
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        names
                            .entry(renamed.unwrap_or(name))
                            .or_default()
                            .push(file.clone());
                        break;
                    }
                }
            }
        }
        assert!(names.len() > 50, "the scan found the schemas: {names:?}");
        let repeated: Vec<_> = names.iter().filter(|(_, files)| files.len() > 1).collect();
        assert!(repeated.is_empty(), "schemas named twice: {repeated:?}");
    }
}
