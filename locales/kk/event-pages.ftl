# Іс-шаралар беттері.
event-list-title = Іс-шаралар
event-past-title = Өткен іс-шаралар
event-upcoming = Алдағы
event-past = Өткен
event-which = Қай іс-шаралар
event-filters = Сүзгілер
event-filter-unit = Бөлімше
event-filter-any-category = Кез келген санат
event-filter-any-unit = Кез келген бөлімше
event-filter-any-language = Кез келген тіл
event-filter-apply = Көрсету
event-feed-link = Іс-шаралар күнтізбесі (.ics)
event-feed-name = Ortaq: іс-шаралар
event-my-feed = Менің күнтізбем
event-none = Алдағы іс-шаралар әзірге жоқ.
event-none-past = Өткен іс-шаралар әзірге жоқ.
event-drafts = Жобалар
event-new-title = Жаңа іс-шара
event-mine-title = Менің іс-шараларым мен билеттерім
event-mine-none = Сіз алдағы бірде-бір іс-шараға тіркелмегенсіз.
event-organiser = Ұйымдастырушы
event-attendance = Қатысу
event-attended = { $count ->
    [one] { $count } адам келді
   *[other] { $count } адам келді
}
event-places-left = { $count ->
    [one] { $count } орын қалды
   *[other] { $count } орын қалды
}
event-full = { $count ->
    [0] Орын жоқ: күту тізіміне жазылыңыз
    [one] Орын жоқ: күту тізімінде { $count } адам
   *[other] Орын жоқ: күту тізімінде { $count } адам
}
event-registered-of = тіркелгені: { $count }
event-waitlisted-count = күту тізімінде: { $count }
event-waitlist-position = — кезектегі нөміріңіз: { $count }
event-registration = Тіркеу
event-register = Тіркелу
event-join-waitlist = Күту тізіміне жазылу
event-full-hint = Барлық орын бос емес. Күту тізіміне жазылуға болады: орын босағанда кезектегі біріншіге бірден беріліп, ол бұл туралы хабар алады.
event-leave-waitlist = Күту тізімінен шығу
event-cancel-registration = Тіркеуімді болдырмау
event-login-to-register = Тіркелу үшін кіріңіз
event-guest-title = Немесе қонақ ретінде тіркеліңіз
event-guest = қонақ
event-member = мүше
event-ticket-open = Менің билетім
event-ticket-title = Билет
event-ticket-hint = Бұл кодты кіреберісте көрсетіңіз.
event-ticket-keep = Сіз тіркелдіңіз. Бұл беттің мекенжайын сақтап қойыңыз: бұл — сіздің билетіңіз.
event-ticket-qr-label = Билет коды { $code }
event-add-to-calendar = Күнтізбеге қосу
event-rate-title = Қалай өтті?
event-rate-send = Жіберу
event-rated = Бағаңызға рахмет.
event-organiser-tools = Ұйымдастырушыларға
event-edit = Іс-шараны өзгерту
event-back = Іс-шараға оралу
event-publish = Жариялау
event-cancel = Іс-шараны тоқтату
event-registrations-title = Тіркелгендер
event-registrations-none = Әзірге ешкім тіркелмеді.
event-check-in-title = Кіреберісте белгілеу
event-checked-in-at = Белгіленді
event-ratings-title = Бағалар
event-ratings-count = { $count ->
    [one] { $count } баға
   *[other] { $count } баға
}
event-ratings-distribution = Жұлдыз бойынша бағалар
event-ratings-comments = Пікірлер
event-ratings-no-comments = Пікірлер әзірге жоқ.
event-close-registration = Тіркеуді жабу
event-reopen-registration = Тіркеуді қайта ашу
event-add-title = Мүшені қолмен қосу
event-add-hint = Оның Ortaq тіркелгісінің email-ы.
event-add = Қосу
event-scan-ok = Белгіленді
event-scan-already = Белгіленіп қойған
event-scan-already-at = { $time } кезінде белгіленген
event-in-kazakh = Қазақша
event-in-russian = Орысша
event-markdown-hint = Markdown: **жуан**, *көлбеу*, тізімдер, сілтемелер.
event-resource-hint = Зал немесе бөлме іс-шарамен бірге брондалады.
event-opens-hint = Бос болса: жарияланған сәттен бастап.
event-closes-hint = Бос болса: іс-шара басталған сәтте.
event-save = Сақтау
event-save-publish = Сақтап, жариялау
event-save-draft = Жоба ретінде сақтау
event-notice-registered = Сіз тіркелдіңіз. Билетіңіз дайын.
event-notice-waitlisted = Барлық орын бос емес: сіз күту тізіміндесіз.
event-notice-left = Тіркеуіңіз болдырылмады.
event-notice-rated = Бағаңызға рахмет.
event-notice-saved = Іс-шара сақталды.
event-notice-published = Іс-шара жарияланды.
event-notice-cancelled = Іс-шара тоқтатылды; тіркелгендерге хабар берілді.
event-notice-added = Мүше қосылды.
event-notice-closed = Тіркеу жабылды.
event-notice-opened = Тіркеу қайта ашылды.
event-column-number = №
event-column-kind = Кім
event-column-position = Кезектегі орны
event-column-registered-at = Тіркелген уақыты
