## Страницы бронирования: сетка пространств, ресурс, мои бронирования, билет, ресепшен

nav-spaces = Пространства
nav-bookings = Мои бронирования
home-book = Свободное время и бронирование
nav-manage = Управление
nav-front-desk = Ресепшен

duration-minutes = { $minutes } мин
duration-hours = { $hours } ч
duration-hours-minutes = { $hours } ч { $minutes } мин

kind-desk = Рабочее место
kind-meeting-room = Переговорная
kind-event-hall = Зал мероприятий
kind-equipment = Оборудование


booking-taken-at = Занято: { $time }.
deleted-member = Удалённый участник

grid-title = Пространства
grid-all-kinds = Все
grid-location = Место
grid-kind = Что
grid-show = Показать
grid-pager = Дни
grid-prev-day = Предыдущий день
grid-next-day = Следующий день
grid-prev-week = Предыдущая неделя
grid-next-week = Следующая неделя
grid-today = Сегодня
grid-view-day = День
grid-view-week = Неделя
grid-legend = Обозначения
grid-resource = Ресурс
grid-cell-free = свободно
grid-cell-booked = занято
grid-cell-pending = ждёт подтверждения
grid-cell-closed = закрыто
grid-cell-past = прошло
grid-cell-full = всё занято
grid-free-time = свободно { $time }
grid-closed-day = В этот день центр закрыт.
grid-no-resources = Здесь пока нечего бронировать.
grid-login-to-book = Войдите, чтобы забронировать рабочее место, переговорную или зал.

book-now-title = Место прямо сейчас
book-now-hint = Берёт первое свободное рабочее место с текущего получаса.
book-now-button = Забронировать место сейчас
book-now-none = Сейчас нет свободного места
book-now-none-detail = Ни одно рабочее место не свободно с этого момента на столько времени. Выберите срок короче или время в сетке ниже.

resource-capacity = { $count ->
    [one] { $count } человек
    [few] { $count } человека
   *[many] { $count } человек
}
resource-amenities = Оснащение
resource-feed = Занятость в вашем календаре (iCalendar)
rules-title = Правила бронирования

book-title = Забронировать
book-button = Забронировать
purpose-hint = Необязательно: для чего (видите вы и сотрудники).
until-hint = Для повторяющегося бронирования: последний день.
book-staff-legend = Только для сотрудников
field-for-email = Email участника
for-email-hint = Забронировать для этого участника, а не для себя.
override-hint = Заполните, только чтобы обойти правила; причина сохранится в бронировании.
field-repeat = Повтор
field-decline-reason = Причина отказа
field-decision = Решение
field-location = Место
field-resource = Ресурс
repeat-none = Один раз
repeat-daily = Каждый день
repeat-weekly = Каждую неделю
series-preview-title = Проверьте даты
series-preview-free = { $count ->
    [one] { $count } дата свободна и будет забронирована:
    [few] { $count } даты свободны и будут забронированы:
   *[many] { $count } дат свободны и будут забронированы:
}
series-free = свободно
series-book-free = { $count ->
    [one] Забронировать { $count } дату
    [few] Забронировать { $count } даты
   *[many] Забронировать { $count } дат
}
series-check-again = Проверить снова
series-booked = Забронировано: { $booked }. Пропущено (занято или против правил): { $skipped }.
booking-in-series = повторяется

mine-title = Мои бронирования
mine-book = Забронировать
mine-calendar = В мой календарь
mine-which = Какие бронирования
mine-upcoming = Предстоящие
mine-past = Прошедшие
mine-none = У вас нет предстоящих бронирований.
mine-none-past = У вас нет прошедших бронирований.

ticket-booked = Забронировано. Покажите этот код на ресепшене или отсканируйте код на месте, когда придёте.
ticket-cancelled = Отменено.
ticket-approved = Подтверждено.
ticket-declined = Отклонено.
ticket-checked-in = Отмечено.
ticket-where = Где
ticket-member = Участник
ticket-decline-reason = Причина отказа
ticket-checked-in-at = Отмечен в
ticket-qr-label = Код бронирования { $code }
ticket-qr-hint = На ресепшене покажите этот QR-код или назовите код.
ticket-check-in-until = Отметьтесь до { $time }, иначе бронирование снимется.
decide-title = Решение
decide-approve = Подтвердить
decide-decline = Отклонить
decline-hint = Участник увидит её.
cancel-one = Только это
cancel-following = Это и все следующие
cancel-button = Отменить бронирование

at-resource-title = Отметиться
at-resource-done = Вы отмечены. Хорошей работы!
at-resource-button = Я на месте: отметиться
at-resource-ticket = Бронирование
at-resource-none = Сейчас у вас нет бронирования этого ресурса (отметиться можно за 15 минут до начала).
at-resource-book = Забронировать

desk-title = Ресепшен
desk-code-title = Отметка по коду
desk-code-hint = Отсканируйте QR-код участника или введите код (ABCD-EFGH).
desk-scan = Сканировать камерой
desk-scan-denied = Камера недоступна: разрешите её в браузере или введите код.
desk-check-in = Отметить
desk-open-booking = Открыть бронирование
desk-unknown-code = Бронирование не найдено
desk-unknown-code-detail = Ни одно бронирование в ваших местах не имеет такого кода. Проверьте буквы и попробуйте ещё раз.
desk-checked-in = Отмечен(а): { $name }.
desk-pending = { $count ->
    [0] Нет бронирований, ожидающих подтверждения
    [one] { $count } бронирование ждёт подтверждения
    [few] { $count } бронирования ждут подтверждения
   *[many] { $count } бронирований ждут подтверждения
}
desk-today = Сегодня
desk-today-none = Сегодня бронирований нет.
staff-bookings-title = Все бронирования
staff-any-status = Любой
staff-actions = Действия
staff-count = { $count ->
    [one] { $count } бронирование
    [few] { $count } бронирования
   *[many] { $count } бронирований
}
staff-truncated = Показаны только первые: уточните фильтры.
