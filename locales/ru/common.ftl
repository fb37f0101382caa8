site-description = Ortaq — молодежный коворкинг-центр объединения «Ассамблея жастары» в Актобе: пространства, мероприятия и инициативы.
nav-skip = Перейти к содержанию
table-region = Таблица (на узком экране прокручивается вбок)
nav-languages = Язык
nav-main = Главное меню
nav-home = Главная
nav-search = Поиск
nav-admin = Администрирование
nav-logout = Выйти
nav-login = Войти
nav-signup = Регистрация
footer-about = Ortaq · коворкинг-центр Актюбинского областного филиала объединения «Ассамблея жастары»
form-has-errors = Пожалуйста, исправьте следующее:
form-save = Сохранить

members-count = { $count ->
    [one] { $count } участник
    [few] { $count } участника
    [many] { $count } участников
   *[other] { $count } участника
}
accounts-count = { $count ->
    [one] { $count } аккаунт
    [few] { $count } аккаунта
    [many] { $count } аккаунтов
   *[other] { $count } аккаунта
}
units-count = { $count ->
    [one] { $count } подразделение
    [few] { $count } подразделения
    [many] { $count } подразделений
   *[other] { $count } подразделения
}

role-member = Участник
role-coordinator = Координатор
role-space-manager = Менеджер коворкинга
role-admin = Администратор
role-observer = Наблюдатель

unit-kind-association = Объединение
unit-kind-regional-branch = Областной филиал
unit-kind-city-branch = Городской или районный филиал
unit-kind-student-assembly = Студенческая ассамблея
unit-kind-dostyq-club = Клуб «Достық»
unit-kind-ethnocultural-association = Этнокультурное объединение
unit-kind-project = Проект

resource-count-desk = { $count ->
    [one] { $count } рабочее место
    [few] { $count } рабочих места
    [many] { $count } рабочих мест
   *[other] { $count } рабочего места
}
resource-count-meeting-room = { $count ->
    [one] { $count } конференц-зал
    [few] { $count } конференц-зала
    [many] { $count } конференц-залов
   *[other] { $count } конференц-зала
}
resource-count-event-hall = { $count ->
    [one] { $count } зал для мероприятий
    [few] { $count } зала для мероприятий
    [many] { $count } залов для мероприятий
   *[other] { $count } зала для мероприятий
}
resource-count-equipment = { $count ->
    [one] { $count } единица оборудования
    [few] { $count } единицы оборудования
    [many] { $count } единиц оборудования
   *[other] { $count } единицы оборудования
}

nav-units = Подразделения
units-title = Структура объединения
unit-coordinators = Координаторы
unit-staff = Для координаторов подразделения
unit-members-list = Участники
unit-requests = Заявки на вступление
unit-no-requests = Заявок нет.
unit-approve = Принять
unit-decline = Отклонить
unit-join = Вступить в подразделение
unit-join-sent = Заявка отправлена. Ответ координатора появится в вашем аккаунте.
unit-join-submit = Отправить заявку
unit-login-to-join = Войдите, чтобы вступить
unit-sensitive-hint = Членство в этнокультурном объединении — особые персональные данные. Оно никогда не публикуется: его видят только координаторы объединения и администраторы филиала.
membership-pending = ожидает подтверждения
position-member = Участник
position-coordinator = Координатор
position-chair = Председатель
position-youth-deputy = Молодой заместитель
position-deputy-head = Заместитель руководителя
nav-directory = Справочник
directory-title = Справочник участников
directory-lead = Участники, которые захотели, чтобы их находили. В каждой карточке — только то, что решил показать ее владелец.
directory-your-card = Ваша карточка
directory-search = Имя, навык, интерес или язык
directory-all-units = Все подразделения
youth-title = Доля молодежи на должностях
youth-lead = Люди на должностях в каждом подразделении (координаторы, председатели, молодые заместители, заместители руководителей) и сколько из них — молодежь до { $age } лет.
youth-on = На дату
youth-show = Показать
youth-members = Участники
youth-in-positions = На должностях
youth-youth = Из них молодежь
youth-share = Доля молодежи
youth-withheld = меньше 5 человек: не показывается
nav-reports = Отчеты
unit-directions = Направления деятельности
members-add-by-email = Добавить человека по email его аккаунта
members-add = Добавить
members-actions = Действия
members-confirm = Подтвердить
members-end = Завершить членство
nav-events = Мероприятия
nav-initiatives = Инициативы
