## In-app notices (src/notifications/)

nav-notifications = Хабарламалар
nav-unread = { $count } оқылмаған
notifications-title = Хабарламалар
notifications-none = Әзірге хабарлама жоқ. Іс-шараға тіркелгенде, бастамаңызға жауап келгенде осында жазамыз.
notifications-unread = { $count ->
    [0] Барлығы оқылды.
   *[other] { $count } оқылмаған хабарлама
}
notifications-mark-read = Барлығын оқылды деп белгілеу
notifications-new = Жаңа

## Notices of bookings (src/bookings/book.rs)

notice-booking-confirmed = «{ $resource }» брондауыңыз ({ $start }) расталды.
notice-booking-declined = «{ $resource }» брондауыңыз ({ $start }) қабылданбады. Себебі: { $reason }
