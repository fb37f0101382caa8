error-go-home = Go to the home page

error-not-found = Page not found
error-not-found-detail = There is nothing at this address. It may have moved, or the link may be wrong.
error-unauthenticated = Please log in
error-unauthenticated-detail = You need to log in to do this.
error-bad-credentials = Wrong email or password
error-bad-credentials-detail = The email or the password is wrong. Check both and try again.
error-forbidden = Not allowed
error-forbidden-detail = Your account may not do this. If you think it should, ask an administrator of your branch.
error-csrf-failed = The form has expired
error-csrf-failed-detail = For your safety the form was not accepted. Go back, reload the page and send it again.
error-method-not-allowed = Not allowed here
error-method-not-allowed-detail = This address does not accept this kind of request.
error-bad-request = Malformed request
error-bad-request-detail = The request could not be read.
error-validation-failed = Some fields need correcting
error-validation-failed-detail = Some fields need correcting.
error-rate-limited = Too many attempts
error-rate-limited-detail = Too many attempts. Try again in { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}.
error-payload-too-large = Too much data
error-payload-too-large-detail = The request is larger than Ortaq accepts.
error-service-unavailable = Temporarily unavailable
error-service-unavailable-detail = Ortaq cannot reach its database right now. Nothing was changed; please try again in a minute.
error-internal = Something went wrong
error-internal-detail = Something went wrong on our side. It has been logged; please try again later.
error-email-taken = Email already registered
error-email-taken-detail = An account with this email exists already. Log in instead.
error-role-already-granted = Role already held
error-role-already-granted-detail = This person already holds this role in this unit.
error-cannot-remove-own-admin = You cannot remove your only administrator role
error-cannot-remove-own-admin-detail = Ask another administrator to do it, so the branch keeps an administrator.
error-cannot-disable-self = You cannot disable your own account
error-cannot-disable-self-detail = Ask another administrator to do it.

field-name = Full name
field-email = Email
field-password = Password
field-locale = Language
field-current-password = Current password
field-new-password = New password
field-role = Role
field-unit-id = Unit
field-account = Account

invalid-required = { $field }: this field is required.
invalid-too-short = { $field }: too short.
invalid-too-long = { $field }: too long.
invalid-invalid-characters = { $field }: contains characters that are not allowed.
invalid-invalid-email = { $field }: this is not an email address (for example, aigerim@mail.kz).
invalid-invalid-choice = { $field }: choose one of the offered values.
invalid-password-too-short = { $field }: use at least { $min } characters.
invalid-password-too-long = { $field }: use at most { $max } characters.
invalid-common-password = { $field }: this password is among the most common ones and easy to guess. Choose another.
invalid-wrong-password = { $field }: this is not your current password.
invalid-email-taken = { $field }: an account with this email exists already. Log in instead.
invalid-role-already-granted = { $field }: this person already holds this role in this unit.
invalid-cannot-remove-own-admin = { $field }: you cannot remove your only administrator role.
invalid-cannot-disable-self = { $field }: you cannot disable your own account.
