signup-title = Sign up
signup-lead = Join the youth of Aktobe: book a desk, come to events, propose initiatives.
signup-submit = Create account
signup-have-account = Already have an account?
password-hint = At least 8 characters. A phrase of several words is easy to remember and hard to guess.
login-title = Log in
login-submit = Log in
login-no-account = No account yet?
login-failed = Wrong email or password. Check both and try again.
login-throttled = Too many attempts. Try again in { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}.
account-title = My account
account-welcome = Welcome to Ortaq, { $name }!
account-password-saved = Your password has been changed. Your other sessions were logged out.
account-language-saved = Your language has been saved.
account-language = Language
account-language-legend = The language Ortaq speaks to you in
account-password = Change password
account-password-submit = Change password
