## spaces-admin: space managers run locations, resources, rules and closures

manage-title = Space administration
manage-intro = The locations you run: their details, opening hours, closures, resources and booking rules.
manage-location-edit = Details, hours and closures
manage-resources = Resources
manage-resource = Resource
manage-kind-rules = Rules by kind of resource
manage-kind-desk = Desk
manage-kind-meeting-room = Meeting room
manage-kind-event-hall = Event hall
manage-kind-equipment = Equipment
manage-in-kk = In Kazakh
manage-in-ru = In Russian
manage-saved = Saved.
manage-location-details = Details
manage-time-zone-hint = An IANA time zone name, for example Asia/Aqtobe. Opening hours, closures and bookings are shown in it.
manage-hours = Opening hours
manage-hours-hint = Tick the days the center is open and give local opening and closing times (HH:MM). Unticked days are closed.
manage-hours-save = Save the hours
manage-hours-saved = Opening hours saved.
manage-weekday = Day
manage-open = Open
manage-opens = Opens
manage-closes = Closes
manage-closures = Closures
manage-closures-none = No closures ahead.
manage-closure-add = Add a closure
manage-closure-hint = Holidays or maintenance. Without times the closure covers whole days, from the start of the first day to the end of the last. Times are local.
manage-closure-delete = Delete
manage-closure-saved = Closure saved. No new bookings can be made in it.
manage-closure-deleted = Closure deleted.
manage-closure-no-bookings = No live bookings fall in this closure.
manage-closure-affected = { $count ->
    [one] { $count } live booking falls in this closure
   *[other] { $count } live bookings fall in this closure
}
manage-closure-affected-hint = They were not cancelled. Open each one to cancel it or to agree another time with the member.
manage-booking = Booking
manage-member = Member
manage-resources-active = In use
manage-resources-retired = Retired (they keep their bookings and take no new ones)
manage-resource-new = New resource
manage-resource-create = Create the resource
manage-resource-created = Resource created.
manage-resource-details = Description
manage-resource-is-retired = This resource is retired: it takes no new bookings.
manage-resource-retired = Resource retired. Its bookings stay; it takes no new ones.
manage-resource-reactivated = Resource in use again.
manage-capacity-hint = How many people it seats (1 for a desk or a piece of equipment).
manage-rules = Booking rules
manage-rules-own = Its own rules
manage-rules-kind = The kind's rules
manage-rules-current = Rules in force
manage-rules-change = Change the rules
manage-rules-saved = Rules saved. New bookings follow them.
manage-rules-of = Booking rules: { $name }
manage-rules-of-kind = Booking rules for every { $name }
manage-rules-source-resource = This resource has rules of its own; they win over its kind's.
manage-rules-source-kind = The rules of its kind at this location apply.
manage-rules-source-defaults = Ortaq's default rules for this kind apply; saving the form sets the location's own.
manage-rules-use-kind = Remove its own rules and use the kind's
manage-slot-hint = Bookings start and end on this grid of local time, in minutes (30: 10:00, 10:30…).
manage-lead-hint = In minutes; 0 allows booking the slot under way ("book now").
manage-quota-hint = Per member, for this kind of resource at this location. Empty: no limit.
manage-check-in-hint = Minutes after the start; not checked in by then, the booking is released as a no-show. Empty: no check-in needed.
manage-access = Who may book
manage-access-hint = Nothing chosen: every member. Otherwise holders of a chosen role, or members of a chosen unit or a unit below it.
manage-access-save = Save who may book
manage-access-saved = Saved who may book.
manage-units-hint = Hold Ctrl (or ⌘) to choose several.
manage-photo = Photo
manage-photo-choose = Choose a photo
manage-photo-upload = Upload the photo
manage-photo-delete = Remove the photo
manage-photo-saved = Photo saved.
manage-retire = Retire
manage-retire-hint = A retired resource keeps its bookings and takes no new ones. You can put it back into use.
manage-reactivate = Put back into use
manage-reactivate-hint = The resource takes bookings again under its rules.
manage-poster = Check-in poster
manage-poster-qr-label = QR code to check in at { $name }
manage-poster-how = Scan the code with your phone's camera to check in to your booking.
manage-poster-back = Back to the resource
manage-poster-print = Print this page (A4 or A5).
manage-amenity-wifi = Wi-Fi
manage-amenity-socket = Power socket
manage-amenity-monitor = Monitor
manage-amenity-whiteboard = Whiteboard
manage-amenity-screen = Screen
manage-amenity-projector = Projector
manage-amenity-sound = Sound system
manage-amenity-window = By the window
manage-amenity-accessible = Step-free access
manage-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
manage-hours-n = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
manage-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
manage-rule-slot = Bookings follow a { $time } grid.
manage-rule-length = A booking lasts from { $min } to { $max }.
manage-rule-lead = Book at least { $time } ahead.
manage-rule-no-lead = Can be booked right up to the start, even the slot under way.
manage-rule-horizon = { $count ->
    [one] At most { $count } day ahead.
   *[other] At most { $count } days ahead.
}
manage-rule-no-quota = No limit per member.
manage-rule-per-day = { $count ->
    [one] A member has at most { $count } booking a day of this kind.
   *[other] A member has at most { $count } bookings a day of this kind.
}
manage-rule-per-week = { $count ->
    [one] A member has at most { $count } booking a week of this kind.
   *[other] A member has at most { $count } bookings a week of this kind.
}
manage-rule-buffer = { $time } kept free between bookings.
manage-rule-approval = Each booking waits for a space manager's approval.
manage-rule-no-approval = Bookings are confirmed at once.
manage-rule-check-in = Check in within { $time } of the start, or the booking is released.
manage-rule-no-check-in = No check-in needed.
manage-rule-within-hours = Only within opening hours.
manage-rule-any-hours = Not limited to opening hours.

field-location-name = Name of the place
field-resource-name = Name of the resource
field-resource-kind = Kind of resource
field-address = Address
field-time-zone = Time zone
field-location-id = Location
field-weekday = Day of the week
field-opens-1 = Monday, opens
field-opens-2 = Tuesday, opens
field-opens-3 = Wednesday, opens
field-opens-4 = Thursday, opens
field-opens-5 = Friday, opens
field-opens-6 = Saturday, opens
field-opens-7 = Sunday, opens
field-closes-1 = Monday, closes
field-closes-2 = Tuesday, closes
field-closes-3 = Wednesday, closes
field-closes-4 = Thursday, closes
field-closes-5 = Friday, closes
field-closes-6 = Saturday, closes
field-closes-7 = Sunday, closes
field-start-date = First day
field-start-time = From (time)
field-end-date = Last day
field-end-time = Until (time)
field-capacity = Capacity
field-amenities = Amenities
field-roles = Roles
field-unit-ids = Units
field-slot-minutes = Slot, minutes
field-min-minutes = Shortest booking, minutes
field-max-minutes = Longest booking, minutes
field-lead-minutes = Notice needed, minutes
field-horizon-days = How far ahead, days
field-per-day = Bookings per member a day
field-per-week = Bookings per member a week
field-buffer-minutes = Free time between bookings, minutes
field-check-in-minutes = Check-in window, minutes
field-needs-approval = A space manager approves each booking
field-within-hours = Only within opening hours

invalid-unknown-time-zone = { $field }: not a known time zone. Use an IANA name such as Asia/Aqtobe.
invalid-invalid-hour = { $field }: give a time as HH:MM, for example 09:00.
invalid-closes-before-opens = { $field }: closing must be after opening.
invalid-duplicate-weekday = { $field }: this day is given twice.
invalid-not-a-number = { $field }: give a whole number.
invalid-invalid-phone-number = { $field }: digits, spaces, +, - and brackets only, at most 30 characters.
