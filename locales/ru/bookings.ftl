## Бронирования: ошибки правил, статусы, поля

error-booking-conflict = Это время занято
error-booking-conflict-detail = Кто-то уже забронировал этот ресурс на часть этого времени. Выберите другое время или другой ресурс.
error-booking-empty = Конец не позже начала
error-booking-empty-detail = Бронирование заканчивается после начала.
error-booking-in-past = Это время прошло
error-booking-in-past-detail = Выберите время, которое ещё не наступило.
error-booking-off-grid = Не по сетке бронирования
error-booking-off-grid-detail = Здесь бронирования начинаются и заканчиваются по сетке в { $limit } мин (например, 10:00, 10:{ $limit }).
error-booking-too-short = Слишком коротко
error-booking-too-short-detail = Здесь бронирование длится не меньше { $limit ->
    [one] { $limit } минуты
    [few] { $limit } минут
    [many] { $limit } минут
   *[other] { $limit } минуты
}.
error-booking-too-long = Слишком долго
error-booking-too-long-detail = Здесь бронирование длится не больше { $limit ->
    [one] { $limit } минуты
    [few] { $limit } минут
    [many] { $limit } минут
   *[other] { $limit } минуты
}.
error-booking-too-soon = Слишком поздно бронировать
error-booking-too-soon-detail = Этот ресурс бронируют не позже чем за { $limit ->
    [one] { $limit } минуту
    [few] { $limit } минуты
    [many] { $limit } минут
   *[other] { $limit } минуты
} до начала.
error-booking-too-far = Слишком далеко вперёд
error-booking-too-far-detail = Этот ресурс можно забронировать не больше чем на { $limit ->
    [one] { $limit } день
    [few] { $limit } дня
    [many] { $limit } дней
   *[other] { $limit } дня
} вперёд.
error-booking-outside-hours = Вне часов работы
error-booking-outside-hours-detail = Часть этого времени центр закрыт. Часы работы — на странице пространств.
error-booking-closed = Центр в это время закрыт
error-booking-closed-detail = В это время центр закрыт (праздник или обслуживание). Выберите другой день.
error-booking-buffer = Слишком близко к другому бронированию
error-booking-buffer-detail = Между бронированиями этого ресурса остаётся { $limit ->
    [one] { $limit } свободная минута
    [few] { $limit } свободные минуты
    [many] { $limit } свободных минут
   *[other] { $limit } свободной минуты
}.
error-booking-quota-day = Дневной лимит исчерпан
error-booking-quota-day-detail = В день можно иметь { $limit ->
    [one] { $limit } бронирование
    [few] { $limit } бронирования
    [many] { $limit } бронирований
   *[other] { $limit } бронирования
} такого вида.
error-booking-quota-week = Недельный лимит исчерпан
error-booking-quota-week-detail = В неделю можно иметь { $limit ->
    [one] { $limit } бронирование
    [few] { $limit } бронирования
    [many] { $limit } бронирований
   *[other] { $limit } бронирования
} такого вида.
error-booking-not-allowed = Недоступно вам
error-booking-not-allowed-detail = Этот ресурс бронируют только определённые подразделения или роли. Обратитесь к сотрудникам коворкинга.
error-resource-inactive = Больше не бронируется
error-resource-inactive-detail = Этот ресурс не принимает новых бронирований.
error-booking-not-cancellable = Нельзя отменить
error-booking-not-cancellable-detail = Отменить можно только ожидающие и подтверждённые бронирования.
error-booking-not-pending = Решение уже принято
error-booking-not-pending-detail = Это бронирование больше не ждёт подтверждения.
error-already-checked-in = Уже отмечено
error-already-checked-in-detail = Приход по этому бронированию уже отмечен.
error-check-in-too-early = Слишком рано для отметки
error-check-in-too-early-detail = Отметиться можно за { $limit ->
    [one] { $limit } минуту
    [few] { $limit } минуты
    [many] { $limit } минут
   *[other] { $limit } минуты
} до начала.
error-booking-not-confirmed = Ждёт подтверждения
error-booking-not-confirmed-detail = Бронирование ещё не подтверждено, поэтому отметиться нельзя.
error-booking-released = Освобождено
error-booking-released-detail = Время для отметки прошло, и бронирование освобождено как неявка.
error-booking-not-active = Не действует
error-booking-not-active-detail = Это бронирование отменено, отклонено или уже закончилось.
error-series-nothing-free = Нечего бронировать
error-series-nothing-free-detail = Все повторы этой серии заняты или нарушают правила. Измените время или дни.

invalid-invalid-instant = { $field }: укажите дату и время со смещением, в целых секундах (например, 2026-12-01T10:00:00+05:00).
invalid-unknown = { $field }: не найдено.
invalid-too-many-occurrences = { $field }: в серии не больше { $limit } повторов.
invalid-before-start = { $field }: должно быть позже начала.
invalid-window-too-long = { $field }: не больше { $limit } дн. за раз.
invalid-invalid-code = { $field }: код — 8 букв и цифр, например ABCD-EFGH.
invalid-too-small = { $field }: не меньше { $limit }.
invalid-too-large = { $field }: не больше { $limit }.
invalid-nonexistent-time = { $field }: в этот день такого времени нет (часы переводятся вперёд).

field-resource-id = Ресурс
field-start = Начало
field-end = Конец
field-purpose = Цель
field-override-reason = Причина отступления от правил
field-frequency = Повтор
field-until = До
field-count = Сколько раз
field-scope = Какие бронирования
field-status = Статус
field-when = Когда
field-from = С
field-to = По
field-date = Дата
field-code = Код
field-time = Время
field-minutes = Длительность

booking-status-pending = Ждёт подтверждения
booking-status-confirmed = Подтверждено
booking-status-checked-in = Отмечено
booking-status-completed = Завершено
booking-status-cancelled = Отменено
booking-status-declined = Отклонено
booking-status-no-show = Неявка
