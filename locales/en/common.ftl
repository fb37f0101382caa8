site-description = Ortaq: the youth coworking center of «Assembly Zhastary» in Aktobe: spaces, events and initiatives.
nav-skip = Skip to content
table-region = Table (scrolls sideways on a narrow screen)
nav-languages = Language
nav-main = Main menu
nav-home = Home
nav-search = Search
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

nav-units = Units
units-title = The organisation
unit-coordinators = Coordinators
unit-staff = For the unit's coordinators
unit-members-list = Members
unit-requests = Requests to join
unit-no-requests = No requests are waiting.
unit-approve = Approve
unit-decline = Decline
unit-join = Join this unit
unit-join-sent = Your request has been sent. The coordinator's answer will appear in your account.
unit-join-submit = Send the request
unit-login-to-join = Log in to join
unit-sensitive-hint = Belonging to an ethnocultural association is sensitive personal data. It is never public: only the association's coordinators and the branch administrators see it.
membership-pending = awaiting confirmation
position-member = Member
position-coordinator = Coordinator
position-chair = Chair
position-youth-deputy = Youth deputy
position-deputy-head = Deputy head
nav-directory = Directory
directory-title = Members' directory
directory-lead = Members who chose to be found. Each card shows only what its owner decided to show.
directory-your-card = Your card
directory-search = Name, skill, interest or language
directory-all-units = All units
youth-title = Youth share in positions
youth-lead = People holding positions in each unit (coordinators, chairs, youth deputies, deputy heads) and how many of them are young people aged up to { $age }.
youth-on = As of
youth-show = Show
youth-members = Members
youth-in-positions = In positions
youth-youth = Of them young
youth-share = Youth share
youth-withheld = fewer than 5 people: not shown
nav-reports = Reports
unit-directions = Activity directions
members-add-by-email = Add a person by their account's email
members-add = Add
members-actions = Actions
members-confirm = Confirm
members-end = End membership
nav-events = Events
nav-initiatives = Initiatives
