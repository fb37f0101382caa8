# Страницы мероприятий.
event-list-title = Мероприятия
event-past-title = Прошедшие мероприятия
event-upcoming = Предстоящие
event-past = Прошедшие
event-which = Какие мероприятия
event-filters = Фильтры
event-filter-unit = Подразделение
event-filter-any-category = Любая категория
event-filter-any-unit = Любое подразделение
event-filter-any-language = Любой язык
event-filter-apply = Показать
event-feed-link = Календарь мероприятий (.ics)
event-feed-name = Ortaq: мероприятия
event-my-feed = Мой календарь
event-none = Предстоящих мероприятий пока нет.
event-none-past = Прошедших мероприятий пока нет.
event-drafts = Черновики
event-new-title = Новое мероприятие
event-mine-title = Мои мероприятия и билеты
event-mine-none = Вы не зарегистрированы ни на одно предстоящее мероприятие.
event-organiser = Организатор
event-attendance = Посещаемость
event-attended = { $count ->
    [one] пришёл { $count }
    [few] пришли { $count }
    [many] пришли { $count }
   *[other] пришли { $count }
}
event-places-left = { $count ->
    [one] осталось { $count } место
    [few] осталось { $count } места
    [many] осталось { $count } мест
   *[other] осталось { $count } места
}
event-full = { $count ->
    [0] Мест нет: встаньте в лист ожидания
    [one] Мест нет: в листе ожидания { $count } человек
    [few] Мест нет: в листе ожидания { $count } человека
    [many] Мест нет: в листе ожидания { $count } человек
   *[other] Мест нет: в листе ожидания { $count } человека
}
event-registered-of = зарегистрировано: { $count }
event-waitlisted-count = в листе ожидания: { $count }
event-waitlist-position = — номер в очереди: { $count }
event-registration = Регистрация
event-register = Зарегистрироваться
event-join-waitlist = Встать в лист ожидания
event-full-hint = Все места заняты. Можно встать в лист ожидания: когда место освободится, первый в очереди сразу его получит и узнает об этом.
event-leave-waitlist = Выйти из листа ожидания
event-cancel-registration = Отменить регистрацию
event-login-to-register = Войдите, чтобы зарегистрироваться
event-guest-title = Или зарегистрируйтесь как гость
event-guest = гость
event-member = участник
event-ticket-open = Мой билет
event-ticket-title = Билет
event-ticket-hint = Покажите этот код на входе.
event-ticket-keep = Вы зарегистрированы. Сохраните адрес этой страницы: это ваш билет.
event-ticket-qr-label = Код билета { $code }
event-add-to-calendar = Добавить в календарь
event-rate-title = Как всё прошло?
event-rate-send = Отправить
event-rated = Спасибо за оценку.
event-organiser-tools = Для организаторов
event-edit = Изменить мероприятие
event-back = К мероприятию
event-publish = Опубликовать
event-cancel = Отменить мероприятие
event-registrations-title = Регистрации
event-registrations-none = Пока никто не зарегистрировался.
event-check-in-title = Отметка на входе
event-checked-in-at = Отмечен
event-ratings-title = Оценки
event-ratings-count = { $count ->
    [one] { $count } оценка
    [few] { $count } оценки
    [many] { $count } оценок
   *[other] { $count } оценки
}
event-ratings-distribution = Оценки по звёздам
event-ratings-comments = Комментарии
event-ratings-no-comments = Комментариев пока нет.
event-close-registration = Закрыть регистрацию
event-reopen-registration = Снова открыть регистрацию
event-add-title = Добавить участника вручную
event-add-hint = Email его учётной записи в Ortaq.
event-add = Добавить
event-scan-ok = Отмечен
event-scan-already = Уже отмечен
event-scan-already-at = отмечен в { $time }
event-in-kazakh = На казахском
event-in-russian = На русском
event-markdown-hint = Markdown: **жирный**, *курсив*, списки, ссылки.
event-resource-hint = Зал или комната бронируется вместе с мероприятием.
event-opens-hint = Пусто: сразу после публикации.
event-closes-hint = Пусто: в момент начала мероприятия.
event-save = Сохранить
event-save-publish = Сохранить и опубликовать
event-save-draft = Сохранить черновик
event-notice-registered = Вы зарегистрированы. Билет готов.
event-notice-waitlisted = Все места заняты: вы в листе ожидания.
event-notice-left = Регистрация отменена.
event-notice-rated = Спасибо за оценку.
event-notice-saved = Мероприятие сохранено.
event-notice-published = Мероприятие опубликовано.
event-notice-cancelled = Мероприятие отменено; зарегистрированные получили уведомление.
event-notice-added = Участник добавлен.
event-notice-closed = Регистрация закрыта.
event-notice-opened = Регистрация снова открыта.
event-column-number = №
event-column-kind = Кто
event-column-position = Место в очереди
event-column-registered-at = Зарегистрирован
