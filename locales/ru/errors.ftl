error-go-home = На главную

error-not-found = Страница не найдена
error-not-found-detail = По этому адресу ничего нет. Возможно, страница переехала или ссылка неверна.
error-unauthenticated = Войдите в аккаунт
error-unauthenticated-detail = Чтобы сделать это, нужно войти в аккаунт.
error-bad-credentials = Неверный email или пароль
error-bad-credentials-detail = Email или пароль указаны неверно. Проверьте оба поля и попробуйте снова.
error-forbidden = Нет доступа
error-forbidden-detail = Вашему аккаунту это действие недоступно. Если вы считаете, что это ошибка, обратитесь к администратору своего филиала.
error-csrf-failed = Срок действия формы истек
error-csrf-failed-detail = В целях безопасности форма не была принята. Вернитесь назад, обновите страницу и отправьте форму еще раз.
error-method-not-allowed = Действие недоступно
error-method-not-allowed-detail = Этот адрес не принимает такие запросы.
error-bad-request = Некорректный запрос
error-bad-request-detail = Не удалось прочитать запрос.
error-validation-failed = Некоторые поля нужно исправить
error-validation-failed-detail = Некоторые поля нужно исправить.
error-rate-limited = Слишком много попыток
error-rate-limited-detail = Слишком много попыток. Попробуйте снова через { $seconds ->
    [one] { $seconds } секунду
    [few] { $seconds } секунды
    [many] { $seconds } секунд
   *[other] { $seconds } секунды
}.
error-payload-too-large = Слишком много данных
error-payload-too-large-detail = Запрос больше, чем может принять Ortaq.
error-service-unavailable = Временно недоступно
error-service-unavailable-detail = Ortaq сейчас не может подключиться к базе данных. Ничего не изменено; попробуйте снова через минуту.
error-internal = Что-то пошло не так
error-internal-detail = На нашей стороне произошла ошибка. Мы ее зафиксировали; пожалуйста, попробуйте позже.
error-email-taken = Email уже зарегистрирован
error-email-taken-detail = Аккаунт с таким email уже существует. Войдите в него.
error-role-already-granted = Роль уже назначена
error-role-already-granted-detail = У этого человека уже есть такая роль в этом подразделении.
error-cannot-remove-own-admin = Нельзя снять с себя единственную роль администратора
error-cannot-remove-own-admin-detail = Попросите об этом другого администратора, чтобы у филиала остался администратор.
error-cannot-disable-self = Нельзя отключить собственный аккаунт
error-cannot-disable-self-detail = Попросите об этом другого администратора.

field-name = Имя и фамилия
field-email = Электронная почта
field-password = Пароль
field-locale = Язык
field-current-password = Текущий пароль
field-new-password = Новый пароль
field-role = Роль
field-unit-id = Подразделение
field-account = Аккаунт

invalid-required = { $field }: это поле обязательно.
invalid-too-short = { $field }: слишком коротко.
invalid-too-long = { $field }: слишком длинно.
invalid-invalid-characters = { $field }: содержит недопустимые символы.
invalid-invalid-email = { $field }: это не адрес электронной почты (например, aigerim@mail.kz).
invalid-invalid-choice = { $field }: выберите один из предложенных вариантов.
invalid-password-too-short = { $field }: используйте не менее { $min ->
    [one] { $min } символа
    [few] { $min } символов
    [many] { $min } символов
   *[other] { $min } символа
}.
invalid-password-too-long = { $field }: используйте не более { $max ->
    [one] { $max } символа
    [few] { $max } символов
    [many] { $max } символов
   *[other] { $max } символа
}.
invalid-common-password = { $field }: этот пароль — один из самых распространенных, его легко подобрать. Выберите другой.
invalid-wrong-password = { $field }: это не ваш текущий пароль.
invalid-email-taken = { $field }: аккаунт с таким email уже существует. Войдите в него.
invalid-role-already-granted = { $field }: у этого человека уже есть такая роль в этом подразделении.
invalid-cannot-remove-own-admin = { $field }: нельзя снять с себя единственную роль администратора.
invalid-cannot-disable-self = { $field }: нельзя отключить собственный аккаунт.
field-birth-date = Дата рождения
field-phone = Телефон
field-city = Город или район
field-study-or-work = Место учебы или работы
field-unit-to-join = Подразделение, в которое вы вступаете
field-languages = Языки, на которых вы говорите
field-interests = Интересы
field-skills = Навыки
field-in-directory = Показывать меня в справочнике участников
field-consent = Я прочитал(а) и принимаю согласие на обработку моих персональных данных
field-guardian-name = ФИО родителя или законного представителя
field-guardian-contact = Его телефон или email
field-guardian-how = Как дано согласие (например, подписан бумажный бланк)
field-guardian-consent = Мой родитель или законный представитель согласен на обработку моих персональных данных
field-message = Сообщение
field-reason = Причина
field-approve = Решение
field-ethnocultural-consent = Согласие на обработку членства в этнокультурном объединении
field-position = Должность
field-started-on = Дата начала
field-ended-on = Дата окончания
field-user-id = Человек

invalid-invalid-phone = { $field }: введите казахстанский номер, например +7 701 234 56 78.
invalid-invalid-date = { $field }: неверная дата.
invalid-too-young = { $field }: участнику должно быть не меньше { $limit } лет.
invalid-too-old = { $field }: членство — для молодежи до { $limit } лет.
invalid-invalid-tag = { $field }: каждый элемент — не длиннее 40 символов.
invalid-too-many-tags = { $field }: не больше 20 элементов.
invalid-consent-required = { $field }: чтобы продолжить, нужно ваше согласие.
invalid-phone-taken = { $field }: этот номер уже указан другим участником.

error-already-member = Уже участник
error-already-member-detail = Этот человек уже занимает эту должность в этом подразделении.
error-consent-required = Нужно согласие
error-consent-required-detail = Этот человек не дал отдельного согласия, которого требует членство в этнокультурном объединении.
error-already-ended = Уже завершено
error-already-ended-detail = Это членство уже завершено.
error-not-pending = Нечего подтверждать
error-not-pending-detail = Это членство не ожидает подтверждения.
error-already-requested = Заявка уже отправлена
error-already-requested-detail = Вы уже подали заявку в это подразделение; дождитесь ответа координатора.
error-already-decided = Решение уже принято
error-already-decided-detail = На эту заявку уже ответили.
field-description = Описание
field-institution = Университет или колледж
field-kind = Тип подразделения
field-parent-id = Вышестоящее подразделение
error-not-a-club = Это не клуб «Достық»
error-not-a-club-detail = Направления деятельности есть только у клубов «Достық».
error-no-profile = Профиля еще нет
error-no-profile-detail = Этот человек еще не заполнил профиль.
invalid-no-such-account = { $field }: аккаунта с таким email нет.
invalid-already-member = { $field }: этот человек уже занимает эту должность в этом подразделении.
invalid-consent-required-member = { $field }: этот человек не дал отдельного согласия.
field-ethnocultural-export = Также разрешаю включать это членство в списки участников, которые выгружают координаторы объединения (необязательно)
field-photo = Фото
invalid-photo-too-large = { $field }: файл больше 900 КБ.
invalid-photo-type = { $field }: только изображения JPEG, PNG или WebP.
field-on = Дата
invalid-already-requested = { $field }: вы уже подали заявку в это подразделение; дождитесь ответа координатора.

# == events ==
error-event-cancelled = Мероприятие отменено
error-event-cancelled-detail = Это мероприятие отменено.
error-event-over = Мероприятие прошло
error-event-over-detail = Это мероприятие уже закончилось.
error-event-not-published = Не опубликовано
error-event-not-published-detail = Это мероприятие ещё не опубликовано.
error-event-published = Уже опубликовано
error-event-published-detail = Это мероприятие уже опубликовано.
error-event-registration-closed = Регистрация закрыта
error-event-registration-closed-detail = Регистрация на это мероприятие закрыта.
error-event-registration-not-open = Регистрация ещё не открыта
error-event-registration-not-open-detail = Регистрация на это мероприятие ещё не началась.
error-event-already-registered = Вы уже зарегистрированы
error-event-already-registered-detail = Вы уже зарегистрированы на это мероприятие или стоите в листе ожидания.
error-event-not-registered = Нет регистрации
error-event-not-registered-detail = Отменять нечего: регистрации нет.
error-event-already-checked-in = Уже отмечен
error-event-already-checked-in-detail = Регистрацию, отмеченную на входе, отменить нельзя.
error-event-not-for-you = Не для вас
error-event-not-for-you-detail = Зарегистрироваться могут только участники подразделений, для которых проводится мероприятие.
error-event-members-only = Только для участников
error-event-members-only-detail = На это мероприятие регистрируются только участники. Войдите или зарегистрируйтесь.
error-event-ticket-unknown = Неизвестный билет
error-event-ticket-unknown-detail = У этого мероприятия нет билета с таким кодом.
error-event-ticket-waitlisted = В листе ожидания
error-event-ticket-waitlisted-detail = Этот человек в листе ожидания, места у него пока нет.
error-event-ticket-cancelled = Регистрация отменена
error-event-ticket-cancelled-detail = Эта регистрация отменена.
error-event-check-in-closed = Отметка закрыта
error-event-check-in-closed-detail = Отметка на входе открывается за два часа до начала и закрывается через два часа после конца.
error-event-not-over = Ещё не прошло
error-event-not-over-detail = Оценить мероприятие можно после его окончания.
error-event-not-attended = Вы не были отмечены
error-event-not-attended-detail = Оценивать могут только те, кого отметили на входе.
error-event-already-rated = Уже оценено
error-event-already-rated-detail = Вы уже оценили это мероприятие.
invalid-event-invalid-link = { $field }: укажите ссылку, начинающуюся с https:// или http://.
invalid-event-too-long = { $field }: мероприятие длится не больше { $limit } дней.
invalid-event-after-end = { $field }: не позже окончания мероприятия.
invalid-event-below-registered = { $field }: уже зарегистрировано { $limit } человек; вместимость не может быть меньше.
# == инициативы (src/initiatives/) ==
field-title-kk = Название на казахском
field-title-ru = Название на русском
field-summary = Кратко
field-need-space = Помещение
field-need-equipment = Оборудование
field-budget-kzt = Бюджет, ₸
field-partners = Партнеры
field-text = Ответ
field-responsible = Ответственный
field-responsible-user-id = Ответственный участник
field-deadline = Срок
field-supports = Поддержки
field-body = Комментарий
field-reply-to = Ответ на
field-action = Действие
field-file = Файл
field-report = Отчет
field-due-on = Срок этапа
field-target-id = Бронирование
field-meeting-kind = Вид встречи
field-held-on = Дата
field-notes = Заметки
field-participants = Участники
field-initiative-id = Инициатива
field-booking-id = Бронирование
field-sort = Порядок
invalid-is-author = { $field }: вы и так автор.
invalid-reply-to-reply = { $field }: отвечать можно на комментарий, а не на ответ.
invalid-attachment-type = { $field }: только изображения JPEG, PNG, WebP и файлы PDF.
invalid-attachment-too-large = { $field }: файл больше 900 КБ.
invalid-too-many-files = { $field }: не больше { $limit } файлов.
invalid-unit-not-allowed = { $field }: у этого подразделения не может быть инициатив.
error-initiative-transition-not-allowed = Шаг невозможен
error-initiative-transition-not-allowed-detail = Из текущего состояния инициатива не может сделать этот шаг.
error-initiative-answer-required = Нужен официальный ответ
error-initiative-answer-required-detail = Инициативу принимают или отклоняют официальным ответом.
error-initiative-not-editable = Сейчас изменить нельзя
error-initiative-not-editable-detail = На этом этапе инициативу уже нельзя изменить.
error-initiative-not-open-for-support = Поддержка закрыта
error-initiative-not-open-for-support-detail = Поддержки принимаются с подачи инициативы до ее реализации.
error-initiative-already-invited = Уже приглашен
error-initiative-already-invited-detail = Этот участник уже в команде или приглашен в нее.
error-initiative-not-in-progress = Работа не начата
error-initiative-not-in-progress-detail = Итоговый отчет пишут после начала работы.
error-initiative-not-public = Еще не подана
error-initiative-not-public-detail = Комментарии открываются после подачи инициативы.
error-comment-already-reported = Жалоба уже есть
error-comment-already-reported-detail = Вы уже пожаловались на этот комментарий.
error-comment-hidden = Комментарий скрыт
error-comment-hidden-detail = Модератор скрыл этот комментарий; изменить его нельзя.
error-meeting-item-exists = Уже записано
error-meeting-item-exists-detail = Эта инициатива уже записана для этой встречи.
# News (branch search)
invalid-invalid-url = { $field }: укажите веб-адрес, начинающийся с https:// или http://.
invalid-rate-limited = Слишком много регистраций с вашего подключения. Попробуйте через { $limit ->
    [one] { $limit } минуту
    [few] { $limit } минуты
   *[other] { $limit } минут
}; введённое сохранено.
