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
