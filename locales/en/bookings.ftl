## Bookings: errors of the rules, statuses, fields

error-booking-conflict = This time is taken
error-booking-conflict-detail = Someone has booked this resource for part of that time. Pick another time or another resource.
error-booking-empty = The end is not after the start
error-booking-empty-detail = A booking ends after it starts.
error-booking-in-past = This time has passed
error-booking-in-past-detail = Pick a time that has not passed yet.
error-booking-off-grid = Not on the booking grid
error-booking-off-grid-detail = Bookings here start and end on a { $limit }-minute grid (for example 10:00, 10:{ $limit }).
error-booking-too-short = Too short
error-booking-too-short-detail = A booking here lasts at least { $limit ->
    [one] { $limit } minute
   *[other] { $limit } minutes
}.
error-booking-too-long = Too long
error-booking-too-long-detail = A booking here lasts at most { $limit ->
    [one] { $limit } minute
   *[other] { $limit } minutes
}.
error-booking-too-soon = Too short notice
error-booking-too-soon-detail = This resource is booked at least { $limit ->
    [one] { $limit } minute
   *[other] { $limit } minutes
} in advance.
error-booking-too-far = Too far ahead
error-booking-too-far-detail = This resource can be booked at most { $limit ->
    [one] { $limit } day
   *[other] { $limit } days
} ahead.
error-booking-outside-hours = Outside opening hours
error-booking-outside-hours-detail = The center is closed at part of that time. See the opening hours on the spaces page.
error-booking-closed = The center is closed then
error-booking-closed-detail = The center is closed at that time (a holiday or maintenance). Pick another day.
error-booking-buffer = Too close to another booking
error-booking-buffer-detail = This resource keeps { $limit ->
    [one] { $limit } minute
   *[other] { $limit } minutes
} free between bookings.
error-booking-quota-day = Daily limit reached
error-booking-quota-day-detail = You can have { $limit ->
    [one] { $limit } booking
   *[other] { $limit } bookings
} of this kind a day.
error-booking-quota-week = Weekly limit reached
error-booking-quota-week-detail = You can have { $limit ->
    [one] { $limit } booking
   *[other] { $limit } bookings
} of this kind a week.
error-booking-not-allowed = Not available to you
error-booking-not-allowed-detail = This resource is booked only by certain units or roles. Ask the coworking staff.
error-resource-inactive = No longer booked
error-resource-inactive-detail = This resource takes no new bookings.
error-booking-not-cancellable = Cannot be cancelled
error-booking-not-cancellable-detail = Only pending and confirmed bookings can be cancelled.
error-booking-not-pending = Already decided
error-booking-not-pending-detail = This booking is no longer awaiting approval.
error-already-checked-in = Already checked in
error-already-checked-in-detail = This booking has been checked in already.
error-check-in-too-early = Too early to check in
error-check-in-too-early-detail = Check-in opens { $limit ->
    [one] { $limit } minute
   *[other] { $limit } minutes
} before the start.
error-booking-not-confirmed = Awaiting approval
error-booking-not-confirmed-detail = This booking has not been confirmed yet, so it cannot be checked in.
error-booking-released = Released
error-booking-released-detail = The check-in window has passed and the booking was released as a no-show.
error-booking-not-active = Not active
error-booking-not-active-detail = This booking was cancelled, declined or is over.
error-series-nothing-free = Nothing left to book
error-series-nothing-free-detail = Every occurrence of this series is taken or breaks a rule. Change the time or the days.

invalid-invalid-instant = { $field }: give a date and time with its offset, in whole seconds (for example 2026-12-01T10:00:00+05:00).
invalid-unknown = { $field }: not found.
invalid-too-many-occurrences = { $field }: a series has at most { $limit } occurrences.
invalid-before-start = { $field }: must be after the start.
invalid-window-too-long = { $field }: at most { $limit } days at once.
invalid-invalid-code = { $field }: a code has 8 letters and digits, like ABCD-EFGH.
invalid-too-small = { $field }: at least { $limit }.
invalid-too-large = { $field }: at most { $limit }.
invalid-nonexistent-time = { $field }: this time does not exist that day (the clocks move forward).

field-resource-id = Resource
field-start = Start
field-end = End
field-purpose = Purpose
field-override-reason = Reason for setting the rules aside
field-frequency = Repeat
field-until = Until
field-count = Number of times
field-scope = Which bookings
field-status = Status
field-when = When
field-from = From
field-to = To
field-date = Date
field-code = Code
field-time = Time
field-minutes = Length

booking-status-pending = Awaiting approval
booking-status-confirmed = Confirmed
booking-status-checked-in = Checked in
booking-status-completed = Completed
booking-status-cancelled = Cancelled
booking-status-declined = Declined
booking-status-no-show = No-show
