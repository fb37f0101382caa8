## In-app notices (src/notifications/)

nav-notifications = Notifications
nav-unread = { $count } unread
notifications-title = Notifications
notifications-none = No notifications yet. You will find them here when a place frees up at an event or your initiative is answered.
notifications-unread = { $count ->
    [0] All read.
    [one] { $count } unread notification
   *[other] { $count } unread notifications
}
notifications-mark-read = Mark all as read
notifications-new = New

## Notices of bookings (src/bookings/book.rs)

notice-booking-confirmed = Your booking of “{ $resource }” ({ $start }) is confirmed.
notice-booking-declined = Your booking of “{ $resource }” ({ $start }) was declined. Reason: { $reason }
