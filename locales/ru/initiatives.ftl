# Инициативы (src/initiatives/): страницы, статусы, категории, встречи, уведомления.

initiative-list-title = Инициативы
initiative-list-lead = Идеи молодежи от предложения до воплощения, открыто: поддержите те, которые хотите увидеть в жизни.
initiative-mine-title = Мои инициативы
initiative-all = Все инициативы
initiative-new = Предложить инициативу
initiative-edit = Изменить инициативу
initiative-any = Любой
initiative-sort = Порядок
initiative-sort-newest = Сначала новые
initiative-sort-supports = Сначала самые поддержанные
initiative-filter = Показать
initiative-none = Подходящих инициатив нет.
initiative-count = { $count ->
    [one] { $count } инициатива
    [few] { $count } инициативы
    [many] { $count } инициатив
   *[other] { $count } инициативы
}
initiative-supports = { $count ->
    [one] { $count } поддержка
    [few] { $count } поддержки
    [many] { $count } поддержек
   *[other] { $count } поддержки
}
initiative-invitations = Вас пригласили в эти команды
initiative-status-draft = Черновик
initiative-status-submitted = Подана
initiative-status-under-review = На рассмотрении
initiative-status-accepted = Принята
initiative-status-declined = Отклонена
initiative-status-in-progress = Реализуется
initiative-status-implemented = Реализована
initiative-status-withdrawn = Отозвана
initiative-category-culture = Культура
initiative-category-education = Образование
initiative-category-volunteering = Волонтерство
initiative-category-ecology = Экология
initiative-category-it = IT
initiative-category-sport = Спорт
initiative-category-dialogue = Межэтнический диалог
initiative-category-other = Другое
initiative-to-submitted = Подать на поддержку
initiative-to-under-review = Взять на рассмотрение
initiative-to-in-progress = Начать работу
initiative-to-implemented = Отметить как реализованную
initiative-to-withdrawn = Отозвать инициативу
initiative-by = Автор: { $name }
initiative-deleted-member = удаленный участник
initiative-shown-in-other-language = Текст не написан на вашем языке; показан на другом.
initiative-overdue = Срок обещанного ответа прошел.
initiative-overdue-since = срок: { $date }
initiative-late = Просрочено
initiative-threshold-hint = { $count ->
    [one] При { $count } поддержке инициатива уходит на рассмотрение.
   *[other] При { $count } поддержках инициатива уходит на рассмотрение.
}
initiative-you-support = Вы поддерживаете эту инициативу.
initiative-support = Поддержать
initiative-withdraw-support = Отозвать поддержку
initiative-login-to-support = Войдите, чтобы поддержать
initiative-supported = Спасибо: ваша поддержка учтена.
initiative-support-withdrawn = Ваша поддержка отозвана.
initiative-saved = Сохранено.
initiative-attached = Файл прикреплен.
initiative-actions = Что вы можете сделать
initiative-step-comment = Комментарий (виден в ленте, необязательно)
initiative-answer-heading = Официальный ответ
initiative-answer-text-kk = Ответ на казахском
initiative-answer-text-ru = Ответ на русском
initiative-decline-reason = Причина отказа
initiative-decline-reason-hint = Обязательна, если инициатива отклонена.
initiative-responsible-hint = Кто отвечает за реализацию (обязательно при принятии).
initiative-answer-submit = Опубликовать ответ
initiative-official-answer = Официальный ответ
initiative-answered-at = Дан
initiative-needs = Что нужно
initiative-tenge = { $count } ₸
initiative-milestones = Этапы
initiative-progress = Выполнено: { $count } %
initiative-milestone-done = выполнен
initiative-milestone-mark-done = Отметить выполненным
initiative-milestone-undo = Еще не выполнен
initiative-milestone-add = Добавить этап
initiative-report = Итоговый отчет
initiative-report-kk = Отчет на казахском
initiative-report-ru = Отчет на русском
initiative-report-save = Сохранить отчет
initiative-links = Мероприятия и бронирования
initiative-link-my-booking = Одно из моих бронирований
initiative-link-submit = Связать с инициативой
initiative-team = Команда
initiative-author = автор
initiative-invited = приглашен
initiative-you-are-invited = Вас пригласили в команду этой инициативы.
initiative-join = Вступить в команду
initiative-decline-invitation = Отказаться
initiative-invite-email = Пригласить участника по электронной почте
initiative-invite-hint = Он войдет в команду, когда примет приглашение.
initiative-invite = Пригласить
initiative-attachments = Файлы
initiative-kb = { $count } КБ
initiative-attachment-delete = Удалить
initiative-attachment-choose = Изображение или PDF
initiative-attachment-hint = JPEG, PNG, WebP или PDF, не больше 900 КБ.
initiative-attachment-upload = Прикрепить
initiative-raised-at = Озвучено руководству
initiative-timeline = Ход инициативы
initiative-by-threshold = набрано достаточно поддержек
initiative-comments = Комментарии
initiative-reply = Ответить
initiative-comment-send = Отправить
initiative-comment-new = Ваш комментарий
initiative-login-to-comment = Войдите, чтобы комментировать
initiative-comment-edited = изменен
initiative-comment-hidden-reports = Скрыт после жалоб; решение примет модератор.
initiative-comment-hidden = Скрыт модератором.
initiative-comment-edit = Изменить
initiative-comment-save = Сохранить
initiative-comment-report = Пожаловаться
initiative-moderation-reason = Причина
initiative-comment-restore = Вернуть
initiative-comment-hide = Скрыть
initiative-comment-reports = { $count ->
    [one] { $count } жалоба
    [few] { $count } жалобы
    [many] { $count } жалоб
   *[other] { $count } жалобы
}
initiative-form-lead = Пишите на казахском, на русском или на обоих. Пока вы не подадите инициативу, это черновик: его видите только вы и ваша команда.
initiative-two-languages-hint = Хотя бы на одном из двух языков.
initiative-in-kazakh = На казахском
initiative-in-russian = На русском
initiative-markdown-hint = Markdown: **жирный**, *курсив*, списки, ссылки.
initiative-unit-hint = Подразделение, координаторы которого ее рассмотрят.
initiative-budget-hint = В тенге, целым числом.
initiative-save = Сохранить
initiative-save-draft = Сохранить черновик

meeting-list-title = Сессии и встречи с руководством
meeting-list-lead = Где молодежь озвучила свои инициативы, что решили, кто отвечает и в какой срок.
meeting-none = Записей пока нет.
meeting-kind-assembly-session = Сессия Ассамблеи
meeting-kind-akim-meeting = Встреча с акимом
meeting-kind-other = Встреча
meeting-participants = Участники
meeting-items = Озвученные инициативы
meeting-no-items = Инициативы не записаны.
meeting-decision = Решение

notice-initiative-status-submitted = «{ $title }» подана и открыта для поддержки.
notice-initiative-status-under-review = «{ $title }» на рассмотрении.
notice-initiative-status-accepted = «{ $title }» принята.
notice-initiative-status-declined = «{ $title }» отклонена.
notice-initiative-status-in-progress = Началась работа над «{ $title }».
notice-initiative-status-implemented = «{ $title }» реализована.
notice-initiative-status-withdrawn = Автор отозвал «{ $title }».
notice-initiative-invited = { $name } приглашает вас в команду «{ $title }».

## The meeting record form (staff)
meeting-form-new = Записать сессию или встречу
meeting-form-edit = Изменить запись
meeting-form-back = К записи
meeting-form-lead = Кто присутствовал, какие инициативы озвучили, что решили по каждой, кто отвечает и в какой срок.
meeting-form-unit-hint = Подразделение, которое ведет эту запись: ее могут менять его координаторы и администраторы.
meeting-form-typed-participants = Участники по имени
meeting-form-typed-participants-hint = Один человек в строке; должность после запятой, например: Асель Нурлановна, заместитель акима области.
meeting-form-linked-participants = Участники — члены Ortaq
meeting-form-linked-participants-hint = Выберите членов Ortaq, которые присутствовали (удерживайте Ctrl или ⌘, чтобы выбрать нескольких).
meeting-form-rows-hint = По строке на каждую озвученную инициативу; пустые строки не сохраняются. Нужно больше строк — нажмите «Добавить строку».
meeting-form-row = Строка { $count }
meeting-form-no-initiative = — выберите инициативу —
meeting-form-no-member = — никто из списка —
meeting-form-decision-kk = Решение на казахском
meeting-form-decision-ru = Решение на русском
meeting-form-add-row = Добавить строку
meeting-form-save = Сохранить запись
meeting-form-saved = Запись сохранена.

## Links to events and bookings on the initiative page
initiative-links-none = Пока ни одно мероприятие или бронирование не связано с этой инициативой.
initiative-linked-event = Мероприятие
initiative-linked-booking = Бронирование
initiative-book-resource = Что забронировать
initiative-book-space = Забронировать помещение для этой инициативы
initiative-create-event = Создать мероприятие для этой инициативы
initiative-booked-linked = Бронирование сделано и связано с этой инициативой.
initiative-booking-for = Это бронирование будет связано с инициативой
initiative-event-for = Это мероприятие будет связано с инициативой
initiative-comment-earlier-versions = { $count ->
    [one] Изменено: { $count } прежняя версия
    [few] Изменено: { $count } прежние версии
    [many] Изменено: { $count } прежних версий
   *[other] Изменено: { $count } прежней версии
}
initiative-comment-replaced-at = Заменено { $date }

## Support thresholds (admins)
initiative-settings-title = Пороги поддержки
initiative-settings-lead = Сколько поддержек отправляет поданную инициативу на рассмотрение. Подразделение без своего порога берет порог вышестоящего, иначе { $count }.
initiative-settings-saved = Порог сохранен.
initiative-settings-in-force = Действует
initiative-settings-own = Собственный порог подразделения
initiative-settings-inherited = от вышестоящего подразделения
initiative-settings-default = по умолчанию
initiative-settings-save = Сохранить
initiative-settings-clear-hint = Оставьте поле пустым и сохраните, чтобы убрать собственный порог подразделения.
initiative-settings-tile = Сколько поддержек отправляет инициативу на рассмотрение — по подразделениям.
