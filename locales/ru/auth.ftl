signup-title = Регистрация
signup-lead = Присоединяйтесь к молодежи Актобе: бронируйте рабочие места, приходите на мероприятия, предлагайте инициативы.
signup-submit = Создать аккаунт
signup-have-account = Уже есть аккаунт?
password-hint = Не менее 8 символов. Фразу из нескольких слов легко запомнить и трудно подобрать.
login-title = Вход
login-submit = Войти
login-no-account = Еще нет аккаунта?
login-failed = Неверный email или пароль. Проверьте оба поля и попробуйте снова.
login-throttled = Слишком много попыток. Попробуйте снова через { $seconds ->
    [one] { $seconds } секунду
    [few] { $seconds } секунды
    [many] { $seconds } секунд
   *[other] { $seconds } секунды
}.
account-title = Мой аккаунт
account-welcome = Добро пожаловать в Ortaq, { $name }!
account-password-saved = Пароль изменен. Все остальные сеансы завершены.
account-language-saved = Язык сохранен.
account-language = Язык
account-language-legend = Язык, на котором с вами говорит Ortaq
account-password = Смена пароля
account-password-submit = Сменить пароль
signup-account = Ваш аккаунт
signup-about-you = О вас
signup-no-unit = Не сейчас
signup-consent = Согласие на обработку персональных данных
signup-read-consent = Прочитать текст согласия
signup-guardian = Если вам нет 18 лет
signup-guardian-hint = Нужно согласие родителя или законного представителя. Членство станет активным, когда его подтвердит координатор.
signup-read-guardian = Прочитать текст согласия родителя
birth-date-hint = Членство — для молодежи от 14 до 35 лет.
phone-hint = Казахстанский номер, например +7 701 234 56 78.
tags-hint = Через запятую.
account-units = Мои подразделения
account-no-units = Вы пока не состоите ни в одном подразделении.
account-requests = Мои заявки на вступление
request-pending = ждет ответа
request-approved = принята
request-declined = отклонена
membership-ended = завершено
