# Event pages.
event-list-title = Events
event-past-title = Past events
event-upcoming = Upcoming
event-past = Past
event-which = Which events
event-filters = Filters
event-filter-unit = Unit
event-filter-any-category = Any category
event-filter-any-unit = Any unit
event-filter-any-language = Any language
event-filter-apply = Show
event-feed-link = Events calendar (.ics)
event-feed-name = Ortaq: events
event-my-feed = My calendar feed
event-none = No upcoming events yet.
event-none-past = No past events yet.
event-drafts = Drafts
event-new-title = New event
event-mine-title = My events and tickets
event-mine-none = You are not registered for any upcoming event.
event-organiser = Organiser
event-attendance = Attendance
event-attended = { $count ->
    [one] { $count } attended
   *[other] { $count } attended
}
event-places-left = { $count ->
    [one] { $count } place left
   *[other] { $count } places left
}
event-full = { $count ->
    [0] Full: join the waitlist
    [one] Full: { $count } on the waitlist
   *[other] Full: { $count } on the waitlist
}
event-registered-of = { $count } registered
event-waitlisted-count = { $count } on the waitlist
event-waitlist-position = — number { $count } in line
event-registration = Registration
event-register = Register
event-join-waitlist = Join the waitlist
event-full-hint = All places are taken. You can join the waitlist: when a place frees, the first in line gets it at once and is told.
event-leave-waitlist = Leave the waitlist
event-cancel-registration = Cancel my registration
event-login-to-register = Log in to register
event-guest-title = Or register as a guest
event-guest = guest
event-member = member
event-ticket-open = My ticket
event-ticket-title = Ticket
event-ticket-hint = Show this code at the entrance.
event-ticket-keep = You are registered. Keep the address of this page: it is your ticket.
event-ticket-qr-label = Ticket code { $code }
event-add-to-calendar = Add to calendar
event-rate-title = How was it?
event-rate-send = Send
event-rated = Thank you for your rating.
event-organiser-tools = For organisers
event-edit = Edit the event
event-back = Back to the event
event-publish = Publish
event-cancel = Cancel the event
event-registrations-title = Registrations
event-registrations-none = Nobody has registered yet.
event-check-in-title = Check-in at the door
event-checked-in-at = Checked in
event-ratings-title = Ratings
event-ratings-count = { $count ->
    [one] { $count } rating
   *[other] { $count } ratings
}
event-ratings-distribution = Ratings by stars
event-ratings-comments = Comments
event-ratings-no-comments = No comments yet.
event-close-registration = Close registration
event-reopen-registration = Open registration again
event-add-title = Add a member by hand
event-add-hint = The email of their Ortaq account.
event-add = Add
event-scan-ok = Checked in
event-scan-already = Already checked in
event-scan-already-at = checked in at { $time }
event-in-kazakh = In Kazakh
event-in-russian = In Russian
event-markdown-hint = Markdown: **bold**, *italic*, lists, links.
event-resource-hint = The hall or room is booked with the event.
event-opens-hint = Empty: as soon as the event is published.
event-closes-hint = Empty: at the start of the event.
event-save = Save
event-save-publish = Save and publish
event-save-draft = Save as a draft
event-notice-registered = You are registered. Your ticket is ready.
event-notice-waitlisted = All places are taken: you are on the waitlist.
event-notice-left = Your registration is cancelled.
event-notice-rated = Thank you for your rating.
event-notice-saved = The event is saved.
event-notice-published = The event is published.
event-notice-cancelled = The event is cancelled; the people registered were told.
event-notice-added = The member is added.
event-notice-closed = Registration is closed.
event-notice-opened = Registration is open again.
event-column-number = No.
event-column-kind = Kind
event-column-position = Place in line
event-column-registered-at = Registered at
