## In-app notices (src/notifications/)

nav-notifications = Уведомления
nav-unread = { $count ->
    [one] { $count } непрочитанное
   *[other] { $count } непрочитанных
}
notifications-title = Уведомления
notifications-none = Пока уведомлений нет. Здесь появится, когда освободится место на мероприятии или на вашу инициативу ответят.
notifications-unread = { $count ->
    [0] Всё прочитано.
    [one] { $count } непрочитанное уведомление
    [few] { $count } непрочитанных уведомления
   *[other] { $count } непрочитанных уведомлений
}
notifications-mark-read = Отметить все как прочитанные
notifications-new = Новое

## Notices of bookings (src/bookings/book.rs)

notice-booking-confirmed = Ваше бронирование «{ $resource }» ({ $start }) подтверждено.
notice-booking-declined = Ваше бронирование «{ $resource }» ({ $start }) отклонено. Причина: { $reason }
