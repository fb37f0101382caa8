site-description = Ortaq: the youth coworking center of «Assembly Zhastary» in Aktobe: spaces, events and initiatives.
nav-skip = Skip to content
nav-languages = Language
nav-main = Main menu
nav-home = Home
nav-admin = Administration
nav-logout = Log out
nav-login = Log in
nav-signup = Sign up
footer-about = Ortaq · the coworking center of the Assembly Zhastary youth association, Aktobe regional branch
form-has-errors = Please correct the following:
form-save = Save

members-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
accounts-count = { $count ->
    [one] { $count } account
   *[other] { $count } accounts
}
units-count = { $count ->
    [one] { $count } unit
   *[other] { $count } units
}

role-member = Member
role-coordinator = Coordinator
role-space-manager = Space manager
role-admin = Administrator
role-observer = Observer

unit-kind-association = Association
unit-kind-regional-branch = Regional branch
unit-kind-city-branch = City or district branch
unit-kind-student-assembly = Student assembly
unit-kind-dostyq-club = Dostyq club
unit-kind-ethnocultural-association = Ethnocultural association
unit-kind-project = Project

resource-count-desk = { $count ->
    [one] { $count } desk
   *[other] { $count } desks
}
resource-count-meeting-room = { $count ->
    [one] { $count } meeting room
   *[other] { $count } meeting rooms
}
resource-count-event-hall = { $count ->
    [one] { $count } event hall
   *[other] { $count } event halls
}
resource-count-equipment = { $count ->
    [one] { $count } piece of equipment
   *[other] { $count } pieces of equipment
}
