site-description = Ortaq — «Ассамблея жастары» бірлестігінің Ақтөбедегі жастар коворкинг орталығы: кеңістіктер, іс-шаралар және бастамалар.
nav-skip = Мазмұнға өту
table-region = Кесте (тар экранда көлденең жылжиды)
nav-languages = Тіл
nav-main = Басты мәзір
nav-home = Басты бет
nav-search = Іздеу
nav-admin = Әкімшілік
nav-logout = Шығу
nav-login = Кіру
nav-signup = Тіркелу
footer-about = Ortaq · «Ассамблея жастары» бірлестігі Ақтөбе облыстық филиалының коворкинг орталығы
form-has-errors = Төмендегі қателерді түзетіңіз:
form-save = Сақтау

members-count = { $count ->
   *[other] { $count } қатысушы
}
accounts-count = { $count ->
   *[other] { $count } аккаунт
}
units-count = { $count ->
   *[other] { $count } бөлімше
}

role-member = Қатысушы
role-coordinator = Үйлестіруші
role-space-manager = Коворкинг менеджері
role-admin = Әкімші
role-observer = Бақылаушы

unit-kind-association = Бірлестік
unit-kind-regional-branch = Облыстық филиал
unit-kind-city-branch = Қалалық немесе аудандық филиал
unit-kind-student-assembly = Студенттік ассамблея
unit-kind-dostyq-club = «Достық» клубы
unit-kind-ethnocultural-association = Этномәдени бірлестік
unit-kind-project = Жоба

resource-count-desk = { $count ->
   *[other] { $count } жұмыс орны
}
resource-count-meeting-room = { $count ->
   *[other] { $count } мәжіліс залы
}
resource-count-event-hall = { $count ->
   *[other] { $count } іс-шара залы
}
resource-count-equipment = { $count ->
   *[other] { $count } жабдық
}

nav-units = Бөлімшелер
units-title = Ұйым құрылымы
unit-coordinators = Үйлестірушілер
unit-staff = Бөлімше үйлестірушілеріне
unit-members-list = Қатысушылар
unit-requests = Қосылу өтінімдері
unit-no-requests = Күтіп тұрған өтінім жоқ.
unit-approve = Қабылдау
unit-decline = Бас тарту
unit-join = Осы бөлімшеге қосылу
unit-join-sent = Өтініміңіз жіберілді. Үйлестірушінің жауабы аккаунтыңызда көрінеді.
unit-join-submit = Өтінім жіберу
unit-login-to-join = Қосылу үшін кіріңіз
unit-sensitive-hint = Этномәдени бірлестікке мүшелік — ерекше дербес дерек. Ол ешқашан жария етілмейді: оны тек бірлестік үйлестірушілері мен филиал әкімшілері көреді.
membership-pending = растауды күтуде
position-member = Қатысушы
position-coordinator = Үйлестіруші
position-chair = Төраға
position-youth-deputy = Жас орынбасар
position-deputy-head = Басшының орынбасары
nav-directory = Анықтамалық
directory-title = Қатысушылар анықтамалығы
directory-lead = Табылуды қалаған қатысушылар. Әр картада иесі көрсетуге шешкен мәлімет қана бар.
directory-your-card = Сіздің картаңыз
directory-search = Аты, дағдысы, қызығушылығы немесе тілі
directory-all-units = Барлық бөлімшелер
youth-title = Лауазымдардағы жастар үлесі
youth-lead = Әр бөлімшеде лауазым атқаратындар (үйлестірушілер, төрағалар, жас орынбасарлар, басшы орынбасарлары) және олардың ішінде { $age } жасқа дейінгі жастар саны.
youth-on = Күні
youth-show = Көрсету
youth-members = Қатысушылар
youth-in-positions = Лауазымда
youth-youth = Оның ішінде жастар
youth-share = Жастар үлесі
youth-withheld = 5 адамнан аз: көрсетілмейді
nav-reports = Есептер
unit-directions = Қызмет бағыттары
members-add-by-email = Адамды аккаунтының электрондық поштасы бойынша қосу
members-add = Қосу
members-actions = Әрекеттер
members-confirm = Растау
members-end = Мүшелікті аяқтау
nav-events = Іс-шаралар
nav-initiatives = Бастамалар
