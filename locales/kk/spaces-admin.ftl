## spaces-admin: кеңістік менеджерлері орындарды, ресурстарды, ережелер мен жабылуларды басқарады

manage-title = Кеңістіктерді басқару
manage-intro = Сіз басқаратын орындар: мәліметтері, жұмыс уақыты, жабылулары, ресурстары және брондау ережелері.
manage-location-edit = Мәліметтер, жұмыс уақыты, жабылулар
manage-resources = Ресурстар
manage-resource = Ресурс
manage-kind-rules = Ресурс түрлері бойынша ережелер
manage-kind-desk = Жұмыс орны
manage-kind-meeting-room = Мәжіліс залы
manage-kind-event-hall = Іс-шаралар залы
manage-kind-equipment = Жабдық
manage-in-kk = Қазақша
manage-in-ru = Орысша
manage-saved = Сақталды.
manage-location-details = Мәліметтер
manage-time-zone-hint = IANA уақыт белдеуінің атауы, мысалы Asia/Aqtobe. Жұмыс уақыты, жабылулар мен брондаулар осы белдеуде көрсетіледі.
manage-hours = Жұмыс уақыты
manage-hours-hint = Орталық ашық күндерді белгілеп, жергілікті ашылу және жабылу уақытын жазыңыз (СС:ММ). Белгіленбеген күндер — демалыс.
manage-hours-save = Жұмыс уақытын сақтау
manage-hours-saved = Жұмыс уақыты сақталды.
manage-weekday = Күн
manage-open = Ашық
manage-opens = Ашылады
manage-closes = Жабылады
manage-closures = Жабылулар
manage-closures-none = Алда жабылу жоқ.
manage-closure-add = Жабылу қосу
manage-closure-hint = Мереке не жөндеу. Уақыт жазылмаса, жабылу күндерді толық қамтиды: бірінші күннің басынан соңғы күннің соңына дейін. Уақыт жергілікті.
manage-closure-delete = Жою
manage-closure-saved = Жабылу сақталды. Бұл уақытқа жаңа брондау жасалмайды.
manage-closure-deleted = Жабылу жойылды.
manage-closure-no-bookings = Бұл уақытқа белсенді брондау жоқ.
manage-closure-affected = { $count ->
    [one] Жабылу уақытына { $count } белсенді брондау түседі
   *[other] Жабылу уақытына { $count } белсенді брондау түседі
}
manage-closure-affected-hint = Олар бас тартылмады. Әрқайсысын ашып, бас тартыңыз немесе қатысушымен басқа уақытты келісіңіз.
manage-booking = Брондау
manage-member = Қатысушы
manage-resources-active = Қолданыста
manage-resources-retired = Қолданыстан шығарылған (брондаулары сақталады, жаңасы қабылданбайды)
manage-resource-new = Жаңа ресурс
manage-resource-create = Ресурс құру
manage-resource-created = Ресурс құрылды.
manage-resource-details = Сипаттама
manage-resource-is-retired = Бұл ресурс қолданыстан шығарылған: жаңа брондау қабылданбайды.
manage-resource-retired = Ресурс қолданыстан шығарылды. Брондаулары сақталды, жаңасы қабылданбайды.
manage-resource-reactivated = Ресурс қайта қолданыста.
manage-capacity-hint = Неше адам сыяды (жұмыс орны мен жабдық үшін 1).
manage-rules = Брондау ережелері
manage-rules-own = Өз ережелері
manage-rules-kind = Түрінің ережелері
manage-rules-current = Қолданыстағы ережелер
manage-rules-change = Ережелерді өзгерту
manage-rules-saved = Ережелер сақталды. Жаңа брондаулар соларға бағынады.
manage-rules-of = Брондау ережелері: { $name }
manage-rules-of-kind = Брондау ережелері, түрі: «{ $name }»
manage-rules-source-resource = Бұл ресурстың өз ережелері бар; олар түрінің ережелерінен басым.
manage-rules-source-kind = Осы орындағы түрінің ережелері қолданылады.
manage-rules-source-defaults = Бұл түрге Ortaq-тың әдепкі ережелері қолданылады; форманы сақтасаңыз, орынның өз ережелері орнатылады.
manage-rules-use-kind = Өз ережелерін алып тастап, түрінің ережелерін қолдану
manage-slot-hint = Брондаулар жергілікті уақыттың осы торымен басталып, аяқталады, минутпен (30: 10:00, 10:30…).
manage-lead-hint = Минутпен; 0 болса, жүріп жатқан аралықты да брондауға болады («қазір брондау»).
manage-quota-hint = Бір қатысушыға, осы орындағы осы түрдегі ресурстарға. Бос болса — шектеусіз.
manage-check-in-hint = Басталғаннан кейінгі минут; осы уақытқа дейін белгі болмаса, брондау келмеді деп босатылады. Бос болса — белгі қажет емес.
manage-access = Кім брондай алады
manage-access-hint = Ештеңе таңдалмаса — кез келген қатысушы. Әйтпесе таңдалған рөлі барлар немесе таңдалған бөлімше мен одан төмен бөлімшелердің қатысушылары.
manage-access-save = Кім брондай алатынын сақтау
manage-access-saved = Кім брондай алатыны сақталды.
manage-units-hint = Бірнешеуін таңдау үшін Ctrl (немесе ⌘) пернесін басып тұрыңыз.
manage-photo = Фото
manage-photo-choose = Фото таңдаңыз
manage-photo-upload = Фотоны жүктеу
manage-photo-delete = Фотоны алып тастау
manage-photo-saved = Фото сақталды.
manage-retire = Қолданыстан шығару
manage-retire-hint = Қолданыстан шығарылған ресурстың брондаулары сақталады, жаңасы қабылданбайды. Оны қайта қолданысқа қосуға болады.
manage-reactivate = Қайта қолданысқа қосу
manage-reactivate-hint = Ресурс өз ережелерімен қайта брондау қабылдайды.
manage-poster = Белгі қоюға арналған постер
manage-poster-qr-label = Белгі қоюға арналған QR-код: { $name }
manage-poster-how = Брондауыңызға белгі қою үшін телефон камерасын кодқа бағыттаңыз.
manage-poster-back = Ресурсқа оралу
manage-poster-print = Бұл бетті басып шығарыңыз (A4 не A5).
manage-amenity-wifi = Wi-Fi
manage-amenity-socket = Розетка
manage-amenity-monitor = Монитор
manage-amenity-whiteboard = Маркер тақтасы
manage-amenity-screen = Экран
manage-amenity-projector = Проектор
manage-amenity-sound = Дыбыс жүйесі
manage-amenity-window = Терезе жанында
manage-amenity-accessible = Кедергісіз орта
manage-minutes = { $count ->
    [one] { $count } минут
   *[other] { $count } минут
}
manage-hours-n = { $count ->
    [one] { $count } сағат
   *[other] { $count } сағат
}
manage-days = { $count ->
    [one] { $count } күн
   *[other] { $count } күн
}
manage-rule-slot = Брондау торы: { $time }.
manage-rule-length = Брондау ұзақтығы: { $min } – { $max }.
manage-rule-lead = Алдын ала брондау, кемінде: { $time }.
manage-rule-no-lead = Басталғанға дейін, тіпті жүріп жатқан аралықты да брондауға болады.
manage-rule-horizon = { $count ->
    [one] Ең көбі { $count } күн алдын ала.
   *[other] Ең көбі { $count } күн алдын ала.
}
manage-rule-no-quota = Қатысушыға шектеу жоқ.
manage-rule-per-day = { $count ->
    [one] Бір қатысушыда күніне осы түрдегі ең көбі { $count } брондау.
   *[other] Бір қатысушыда күніне осы түрдегі ең көбі { $count } брондау.
}
manage-rule-per-week = { $count ->
    [one] Бір қатысушыда аптасына осы түрдегі ең көбі { $count } брондау.
   *[other] Бір қатысушыда аптасына осы түрдегі ең көбі { $count } брондау.
}
manage-rule-buffer = Брондаулар арасындағы бос уақыт: { $time }.
manage-rule-approval = Әр брондауды кеңістік менеджері растайды.
manage-rule-no-approval = Брондаулар бірден расталады.
manage-rule-check-in = Басталғаннан кейін белгі қою уақыты: { $time }; белгі болмаса, брондау босатылады.
manage-rule-no-check-in = Белгі қою қажет емес.
manage-rule-within-hours = Тек жұмыс уақытында.
manage-rule-any-hours = Жұмыс уақытымен шектелмейді.

field-location-name = Орынның атауы
field-resource-name = Ресурстың атауы
field-resource-kind = Ресурс түрі
field-address = Мекенжай
field-time-zone = Уақыт белдеуі
field-location-id = Орын
field-weekday = Апта күні
field-opens-1 = Дүйсенбі, ашылуы
field-opens-2 = Сейсенбі, ашылуы
field-opens-3 = Сәрсенбі, ашылуы
field-opens-4 = Бейсенбі, ашылуы
field-opens-5 = Жұма, ашылуы
field-opens-6 = Сенбі, ашылуы
field-opens-7 = Жексенбі, ашылуы
field-closes-1 = Дүйсенбі, жабылуы
field-closes-2 = Сейсенбі, жабылуы
field-closes-3 = Сәрсенбі, жабылуы
field-closes-4 = Бейсенбі, жабылуы
field-closes-5 = Жұма, жабылуы
field-closes-6 = Сенбі, жабылуы
field-closes-7 = Жексенбі, жабылуы
field-start-date = Бірінші күн
field-start-time = Басталуы (уақыт)
field-end-date = Соңғы күн
field-end-time = Аяқталуы (уақыт)
field-capacity = Сыйымдылығы
field-amenities = Жабдықталуы
field-roles = Рөлдер
field-unit-ids = Бөлімшелер
field-slot-minutes = Тор аралығы, минут
field-min-minutes = Ең қысқа брондау, минут
field-max-minutes = Ең ұзақ брондау, минут
field-lead-minutes = Алдын ала брондау, минут
field-horizon-days = Қанша күн алдын ала
field-per-day = Бір қатысушыға күніне брондау
field-per-week = Бір қатысушыға аптасына брондау
field-buffer-minutes = Брондаулар арасындағы бос уақыт, минут
field-check-in-minutes = Белгі қою уақыты, минут
field-needs-approval = Әр брондауды кеңістік менеджері растайды
field-within-hours = Тек жұмыс уақытында

invalid-unknown-time-zone = { $field }: мұндай уақыт белдеуі жоқ. IANA атауын жазыңыз, мысалы Asia/Aqtobe.
invalid-invalid-hour = { $field }: уақытты СС:ММ түрінде жазыңыз, мысалы 09:00.
invalid-closes-before-opens = { $field }: жабылу уақыты ашылудан кейін болуы керек.
invalid-duplicate-weekday = { $field }: бұл күн екі рет көрсетілген.
invalid-not-a-number = { $field }: бүтін сан жазыңыз.
invalid-invalid-phone-number = { $field }: тек цифрлар, бос орын, +, - және жақшалар, 30 таңбадан аспайды.
