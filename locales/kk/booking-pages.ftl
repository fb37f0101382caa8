## Брондау беттері: кеңістіктер торы, ресурс, менің брондауларым, билет, ресепшн

nav-spaces = Кеңістіктер
nav-bookings = Менің брондауларым
home-book = Бос уақыт және брондау
nav-manage = Басқару
nav-front-desk = Ресепшн

duration-minutes = { $minutes } мин
duration-hours = { $hours } сағ
duration-hours-minutes = { $hours } сағ { $minutes } мин

kind-desk = Жұмыс орны
kind-meeting-room = Мәжіліс залы
kind-event-hall = Іс-шаралар залы
kind-equipment = Жабдық


booking-taken-at = Бос емес: { $time }.
deleted-member = Жойылған қатысушы

grid-title = Кеңістіктер
grid-all-kinds = Барлығы
grid-location = Орын
grid-kind = Не
grid-show = Көрсету
grid-pager = Күндер
grid-prev-day = Алдыңғы күн
grid-next-day = Келесі күн
grid-prev-week = Алдыңғы апта
grid-next-week = Келесі апта
grid-today = Бүгін
grid-view-day = Күн
grid-view-week = Апта
grid-legend = Белгілер
grid-resource = Ресурс
grid-cell-free = бос
grid-cell-booked = бос емес
grid-cell-pending = растауды күтуде
grid-cell-closed = жабық
grid-cell-past = өтті
grid-cell-full = толық брондалған
grid-free-time = { $time } бос
grid-closed-day = Бұл күні орталық жабық.
grid-no-resources = Мұнда әзірге брондайтын ештеңе жоқ.
grid-login-to-book = Жұмыс орнын, мәжіліс залын не іс-шаралар залын брондау үшін кіріңіз.

book-now-title = Қазір жұмыс орны
book-now-hint = Ағымдағы жарты сағаттан бастап бірінші бос жұмыс орнын алады.
book-now-button = Жұмыс орнын қазір брондау
book-now-none = Қазір бос жұмыс орны жоқ
book-now-none-detail = Қазірден бастап мұнша уақытқа бос жұмыс орны жоқ. Қысқарақ уақытты не төмендегі тордан уақыт таңдаңыз.

resource-capacity = { $count } адам
resource-amenities = Жабдықталуы
resource-feed = Бос емес уақыттар күнтізбеңізде (iCalendar)
rules-title = Брондау ережелері

book-title = Брондау
book-button = Брондау
purpose-hint = Міндетті емес: не үшін (сіз бен қызметкерлер көреді).
until-hint = Қайталанатын брондау үшін: соңғы күні.
book-staff-legend = Тек қызметкерлерге
field-for-email = Қатысушының email-і
for-email-hint = Өзіңізге емес, осы қатысушыға брондау.
override-hint = Ережелерді айналып өту үшін ғана толтырыңыз; себебі брондаумен бірге сақталады.
field-repeat = Қайталау
field-decline-reason = Бас тарту себебі
field-decision = Шешім
field-location = Орын
field-resource = Ресурс
repeat-none = Бір рет
repeat-daily = Күн сайын
repeat-weekly = Апта сайын
series-preview-title = Күндерді тексеріңіз
series-preview-free = { $count } күн бос, олар брондалады:
series-free = бос
series-book-free = { $count } күнді брондау
series-check-again = Қайта тексеру
series-booked = Брондалды: { $booked }. Өткізіліп жіберілді (бос емес не ережеге сай емес): { $skipped }.
booking-in-series = қайталанады

mine-title = Менің брондауларым
mine-book = Брондау
mine-calendar = Күнтізбеме қосу
mine-which = Қай брондаулар
mine-upcoming = Алдағы
mine-past = Өткен
mine-none = Сізде алдағы брондау жоқ.
mine-none-past = Сізде өткен брондау жоқ.

ticket-booked = Брондалды. Келгенде осы кодты ресепшнде көрсетіңіз не ресурстағы кодты сканерлеңіз.
ticket-cancelled = Бас тартылды.
ticket-approved = Расталды.
ticket-declined = Қабылданбады.
ticket-checked-in = Келгені белгіленді.
ticket-where = Қайда
ticket-member = Қатысушы
ticket-decline-reason = Бас тарту себебі
ticket-checked-in-at = Келген уақыты
ticket-qr-label = Брондау коды { $code }
ticket-qr-hint = Ресепшнде осы QR-кодты көрсетіңіз не кодты айтыңыз.
ticket-check-in-until = { $time } дейін келгеніңізді белгілеңіз, әйтпесе брондау босатылады.
decide-title = Шешім
decide-approve = Растау
decide-decline = Бас тарту
decline-hint = Қатысушы оны оқиды.
cancel-one = Тек осыны
cancel-following = Осыны және келесілердің бәрін
cancel-button = Брондаудан бас тарту

at-resource-title = Келгенді белгілеу
at-resource-done = Келгеніңіз белгіленді. Сәтті жұмыс!
at-resource-button = Мен осындамын: белгілеу
at-resource-ticket = Брондау
at-resource-none = Қазір сізде бұл ресурстың брондауы жоқ (басталуына 15 минут қалғанда белгілеуге болады).
at-resource-book = Брондау

desk-title = Ресепшн
desk-code-title = Код бойынша белгілеу
desk-code-hint = Қатысушының QR-кодын сканерлеңіз не кодты теріңіз (ABCD-EFGH).
desk-scan = Камерамен сканерлеу
desk-scan-denied = Камера қолжетімсіз: браузерде рұқсат беріңіз не кодты теріңіз.
desk-check-in = Белгілеу
desk-open-booking = Брондауды ашу
desk-unknown-code = Мұндай брондау жоқ
desk-unknown-code-detail = Сіздің орындарыңызда мұндай коды бар брондау жоқ. Әріптерді тексеріп, қайталап көріңіз.
desk-checked-in = Белгіленді: { $name }.
desk-pending = { $count ->
    [0] Растауды күтетін брондау жоқ
   *[other] Растауды күтетін брондаулар: { $count }
}
desk-today = Бүгін
desk-today-none = Бүгін брондау жоқ.
staff-bookings-title = Барлық брондаулар
staff-any-status = Кез келген
staff-actions = Әрекеттер
staff-count = { $count } брондау
staff-truncated = Тек алғашқылары көрсетілген: сүзгілерді нақтылаңыз.
