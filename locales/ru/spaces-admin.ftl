## spaces-admin: менеджеры пространств ведут площадки, ресурсы, правила и закрытия

manage-title = Управление пространствами
manage-intro = Площадки, которые вы ведёте: сведения, часы работы, закрытия, ресурсы и правила бронирования.
manage-location-edit = Сведения, часы и закрытия
manage-resources = Ресурсы
manage-resource = Ресурс
manage-kind-rules = Правила по видам ресурсов
manage-kind-desk = Рабочее место
manage-kind-meeting-room = Конференц-зал
manage-kind-event-hall = Зал мероприятий
manage-kind-equipment = Оборудование
manage-in-kk = На казахском
manage-in-ru = На русском
manage-saved = Сохранено.
manage-location-details = Сведения
manage-time-zone-hint = Название часового пояса IANA, например Asia/Aqtobe. В нём показываются часы работы, закрытия и бронирования.
manage-hours = Часы работы
manage-hours-hint = Отметьте дни, когда центр открыт, и укажите местное время открытия и закрытия (ЧЧ:ММ). Неотмеченные дни — выходные.
manage-hours-save = Сохранить часы
manage-hours-saved = Часы работы сохранены.
manage-weekday = День
manage-open = Открыто
manage-opens = Открывается
manage-closes = Закрывается
manage-closures = Закрытия
manage-closures-none = Впереди закрытий нет.
manage-closure-add = Добавить закрытие
manage-closure-hint = Праздники или ремонт. Без времени закрытие охватывает дни целиком — с начала первого до конца последнего. Время местное.
manage-closure-delete = Удалить
manage-closure-saved = Закрытие сохранено. Новые бронирования на это время невозможны.
manage-closure-deleted = Закрытие удалено.
manage-closure-no-bookings = На это время действующих бронирований нет.
manage-closure-affected = { $count ->
    [one] На время закрытия приходится { $count } действующее бронирование
    [few] На время закрытия приходятся { $count } действующих бронирования
   *[many] На время закрытия приходятся { $count } действующих бронирований
}
manage-closure-affected-hint = Они не отменены. Откройте каждое, чтобы отменить его или договориться с участником о другом времени.
manage-booking = Бронирование
manage-member = Участник
manage-resources-active = Используются
manage-resources-retired = Выведены из работы (бронирования сохраняются, новые не принимаются)
manage-resource-new = Новый ресурс
manage-resource-create = Создать ресурс
manage-resource-created = Ресурс создан.
manage-resource-details = Описание
manage-resource-is-retired = Ресурс выведен из работы: новые бронирования не принимаются.
manage-resource-retired = Ресурс выведен из работы. Его бронирования сохранены, новые не принимаются.
manage-resource-reactivated = Ресурс снова в работе.
manage-capacity-hint = Сколько человек вмещает (1 для рабочего места или оборудования).
manage-rules = Правила бронирования
manage-rules-own = Собственные правила
manage-rules-kind = Правила вида
manage-rules-current = Действующие правила
manage-rules-change = Изменить правила
manage-rules-saved = Правила сохранены. Новые бронирования следуют им.
manage-rules-of = Правила бронирования: { $name }
manage-rules-of-kind = Правила бронирования для вида «{ $name }»
manage-rules-source-resource = У ресурса собственные правила; они важнее правил его вида.
manage-rules-source-kind = Действуют правила его вида на этой площадке.
manage-rules-source-defaults = Действуют правила Ortaq по умолчанию для этого вида; сохранив форму, вы зададите правила площадки.
manage-rules-use-kind = Убрать собственные правила и применять правила вида
manage-slot-hint = Бронирования начинаются и заканчиваются по этой сетке местного времени, в минутах (30: 10:00, 10:30…).
manage-lead-hint = В минутах; 0 позволяет бронировать уже идущий интервал («забронировать сейчас»).
manage-quota-hint = На участника, для этого вида ресурсов на площадке. Пусто — без ограничения.
manage-check-in-hint = Минут после начала; без отметки к этому времени бронирование освобождается как неявка. Пусто — отметка не нужна.
manage-access = Кто может бронировать
manage-access-hint = Ничего не выбрано — любой участник. Иначе — обладатели выбранной роли или участники выбранного подразделения и подразделений ниже.
manage-access-save = Сохранить, кто может бронировать
manage-access-saved = Сохранено, кто может бронировать.
manage-units-hint = Удерживайте Ctrl (или ⌘), чтобы выбрать несколько.
manage-photo = Фото
manage-photo-choose = Выберите фото
manage-photo-upload = Загрузить фото
manage-photo-delete = Убрать фото
manage-photo-saved = Фото сохранено.
manage-retire = Вывести из работы
manage-retire-hint = Выведенный ресурс сохраняет бронирования и не принимает новые. Его можно вернуть в работу.
manage-reactivate = Вернуть в работу
manage-reactivate-hint = Ресурс снова принимает бронирования по своим правилам.
manage-poster = Плакат для отметки
manage-poster-qr-label = QR-код для отметки: { $name }
manage-poster-how = Наведите камеру телефона на код, чтобы отметить приход по своему бронированию.
manage-poster-back = Вернуться к ресурсу
manage-poster-print = Распечатайте эту страницу (A4 или A5).
manage-amenity-wifi = Wi-Fi
manage-amenity-socket = Розетка
manage-amenity-monitor = Монитор
manage-amenity-whiteboard = Маркерная доска
manage-amenity-screen = Экран
manage-amenity-projector = Проектор
manage-amenity-sound = Звуковая система
manage-amenity-window = У окна
manage-amenity-accessible = Доступная среда
manage-minutes = { $count ->
    [one] { $count } минута
    [few] { $count } минуты
   *[many] { $count } минут
}
manage-hours-n = { $count ->
    [one] { $count } час
    [few] { $count } часа
   *[many] { $count } часов
}
manage-days = { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}
manage-rule-slot = Сетка бронирования — { $time }.
manage-rule-length = Длительность бронирования: { $min } – { $max }.
manage-rule-lead = Бронировать заранее, минимум: { $time }.
manage-rule-no-lead = Можно бронировать до самого начала, даже уже идущий интервал.
manage-rule-horizon = { $count ->
    [one] Не более чем на { $count } день вперёд.
    [few] Не более чем на { $count } дня вперёд.
   *[many] Не более чем на { $count } дней вперёд.
}
manage-rule-no-quota = Без ограничения на участника.
manage-rule-per-day = { $count ->
    [one] У участника не более { $count } бронирования такого вида в день.
    [few] У участника не более { $count } бронирований такого вида в день.
   *[many] У участника не более { $count } бронирований такого вида в день.
}
manage-rule-per-week = { $count ->
    [one] У участника не более { $count } бронирования такого вида в неделю.
    [few] У участника не более { $count } бронирований такого вида в неделю.
   *[many] У участника не более { $count } бронирований такого вида в неделю.
}
manage-rule-buffer = Свободное время между бронированиями: { $time }.
manage-rule-approval = Каждое бронирование ждёт подтверждения менеджера пространства.
manage-rule-no-approval = Бронирования подтверждаются сразу.
manage-rule-check-in = Окно отметки после начала: { $time }; без отметки бронирование освобождается.
manage-rule-no-check-in = Отмечаться не нужно.
manage-rule-within-hours = Только в часы работы.
manage-rule-any-hours = Не ограничено часами работы.

field-location-name = Название площадки
field-resource-name = Название ресурса
field-resource-kind = Вид ресурса
field-address = Адрес
field-time-zone = Часовой пояс
field-location-id = Площадка
field-weekday = День недели
field-opens-1 = Понедельник, открытие
field-opens-2 = Вторник, открытие
field-opens-3 = Среда, открытие
field-opens-4 = Четверг, открытие
field-opens-5 = Пятница, открытие
field-opens-6 = Суббота, открытие
field-opens-7 = Воскресенье, открытие
field-closes-1 = Понедельник, закрытие
field-closes-2 = Вторник, закрытие
field-closes-3 = Среда, закрытие
field-closes-4 = Четверг, закрытие
field-closes-5 = Пятница, закрытие
field-closes-6 = Суббота, закрытие
field-closes-7 = Воскресенье, закрытие
field-start-date = Первый день
field-start-time = С (время)
field-end-date = Последний день
field-end-time = До (время)
field-capacity = Вместимость
field-amenities = Оснащение
field-roles = Роли
field-unit-ids = Подразделения
field-slot-minutes = Интервал сетки, минут
field-min-minutes = Кратчайшее бронирование, минут
field-max-minutes = Самое долгое бронирование, минут
field-lead-minutes = Бронировать заранее, минут
field-horizon-days = Насколько вперёд, дней
field-per-day = Бронирований на участника в день
field-per-week = Бронирований на участника в неделю
field-buffer-minutes = Свободное время между бронированиями, минут
field-check-in-minutes = Окно отметки, минут
field-needs-approval = Каждое бронирование подтверждает менеджер пространства
field-within-hours = Только в часы работы

invalid-unknown-time-zone = { $field }: такого часового пояса нет. Укажите название IANA, например Asia/Aqtobe.
invalid-invalid-hour = { $field }: укажите время как ЧЧ:ММ, например 09:00.
invalid-closes-before-opens = { $field }: закрытие должно быть позже открытия.
invalid-duplicate-weekday = { $field }: этот день указан дважды.
invalid-not-a-number = { $field }: укажите целое число.
invalid-invalid-phone-number = { $field }: только цифры, пробелы, +, - и скобки, не более 30 знаков.
