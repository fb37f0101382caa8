## Booking pages: the spaces grid, a resource, my bookings, the ticket, the front desk

nav-spaces = Spaces
nav-bookings = My bookings
home-book = See free times and book
nav-manage = Spaces admin
nav-front-desk = Front desk

duration-minutes = { $minutes } min
duration-hours = { $hours } h
duration-hours-minutes = { $hours } h { $minutes } min

kind-desk = Desk
kind-meeting-room = Meeting room
kind-event-hall = Event hall
kind-equipment = Equipment


booking-taken-at = Taken: { $time }.
deleted-member = Deleted member

grid-title = Spaces
grid-all-kinds = All
grid-location = Location
grid-kind = What
grid-show = Show
grid-pager = Days
grid-prev-day = Previous day
grid-next-day = Next day
grid-prev-week = Previous week
grid-next-week = Next week
grid-today = Today
grid-view-day = Day
grid-view-week = Week
grid-legend = Legend
grid-resource = Resource
grid-cell-free = free
grid-cell-booked = booked
grid-cell-pending = awaiting approval
grid-cell-closed = closed
grid-cell-past = past
grid-cell-full = fully booked
grid-free-time = { $time } free
grid-closed-day = The center is closed on this day.
grid-no-resources = Nothing to book here yet.
grid-login-to-book = Log in to book a desk, a room or the hall.

book-now-title = A desk now
book-now-hint = Takes the first free desk from the current half hour.
book-now-button = Book a desk now
book-now-none = No desk is free now
book-now-none-detail = No desk is free from now for that long. Try a shorter time, or pick a time in the grid below.

resource-capacity = { $count ->
    [one] { $count } person
   *[other] { $count } people
}
resource-amenities = Amenities
resource-feed = Busy times in your calendar (iCalendar)
rules-title = Booking rules

book-title = Book
book-button = Book
purpose-hint = Optional: what it is for (staff and you see it).
until-hint = For a repeating booking: the last day.
book-staff-legend = Staff only
field-for-email = Member's email
for-email-hint = Book for this member instead of yourself.
override-hint = Fill in only to set the rules aside; the reason is kept with the booking.
field-repeat = Repeat
field-decline-reason = Reason for declining
field-decision = Decision
field-location = Location
field-resource = Resource
repeat-none = Once
repeat-daily = Every day
repeat-weekly = Every week
series-preview-title = Check the dates
series-preview-free = { $count ->
    [one] { $count } date is free and will be booked:
   *[other] { $count } dates are free and will be booked:
}
series-free = free
series-book-free = { $count ->
    [one] Book { $count } date
   *[other] Book { $count } dates
}
series-check-again = Check again
series-booked = Booked: { $booked }. Skipped (taken or against the rules): { $skipped }.
booking-in-series = repeating

mine-title = My bookings
mine-book = Book a space
mine-calendar = In my calendar
mine-which = Which bookings
mine-upcoming = Coming
mine-past = Past
mine-none = You have no coming bookings.
mine-none-past = You have no past bookings.

ticket-booked = Booked. Show this code at the front desk, or scan the code on the resource when you arrive.
ticket-cancelled = Cancelled.
ticket-approved = Confirmed.
ticket-declined = Declined.
ticket-checked-in = Checked in.
ticket-where = Where
ticket-member = Member
ticket-decline-reason = Why declined
ticket-checked-in-at = Checked in at
ticket-qr-label = Booking code { $code }
ticket-qr-hint = At the front desk, show this QR code or say the code.
ticket-check-in-until = Check in by { $time }, or the booking is released.
decide-title = Decision
decide-approve = Confirm
decide-decline = Decline
decline-hint = The member reads it.
cancel-one = Only this one
cancel-following = This one and all following
cancel-button = Cancel the booking

at-resource-title = Check in
at-resource-done = You are checked in. Have a good time!
at-resource-button = I am here: check in
at-resource-ticket = The booking
at-resource-none = You have no booking of this resource now (check-in opens 15 minutes before the start).
at-resource-book = Book it

desk-title = Front desk
desk-code-title = Check in by code
desk-code-hint = Scan the member's QR code or type the code (ABCD-EFGH).
desk-scan = Scan with the camera
desk-scan-denied = The camera is not available: allow it in the browser, or type the code.
desk-check-in = Check in
desk-open-booking = Open the booking
desk-unknown-code = No such booking
desk-unknown-code-detail = No booking at your locations has this code. Check the letters and try again.
desk-checked-in = Checked in: { $name }.
desk-pending = { $count ->
    [0] No bookings await approval
    [one] { $count } booking awaits approval
   *[other] { $count } bookings await approval
}
desk-today = Today
desk-today-none = No bookings today.
staff-bookings-title = All bookings
staff-any-status = Any
staff-actions = Actions
staff-count = { $count ->
    [one] { $count } booking
   *[other] { $count } bookings
}
staff-truncated = Only the first ones are shown: narrow the filters.
