# Бастамалар (src/initiatives/): беттер, мәртебелер, санаттар, кездесулер, хабарламалар.

initiative-list-title = Бастамалар
initiative-list-lead = Жастардың идеялары ұсыныстан іске асқанға дейін, ашық түрде: жүзеге асқанын көргіңіз келетін бастамаларды қолдаңыз.
initiative-mine-title = Менің бастамаларым
initiative-all = Барлық бастамалар
initiative-new = Бастама ұсыну
initiative-edit = Бастаманы өзгерту
initiative-any = Кез келген
initiative-sort = Реті
initiative-sort-newest = Алдымен жаңалары
initiative-sort-supports = Алдымен ең көп қолдау алғандары
initiative-filter = Көрсету
initiative-none = Сәйкес бастама жоқ.
initiative-count = { $count ->
    [one] { $count } бастама
   *[other] { $count } бастама
}
initiative-supports = { $count ->
    [one] { $count } қолдау
   *[other] { $count } қолдау
}
initiative-invitations = Сізді осы топтарға шақырды
initiative-status-draft = Жоба
initiative-status-submitted = Ұсынылды
initiative-status-under-review = Қаралуда
initiative-status-accepted = Қабылданды
initiative-status-declined = Қабылданбады
initiative-status-in-progress = Іске асырылуда
initiative-status-implemented = Іске асырылды
initiative-status-withdrawn = Кері қайтарылды
initiative-category-culture = Мәдениет
initiative-category-education = Білім
initiative-category-volunteering = Еріктілік
initiative-category-ecology = Экология
initiative-category-it = IT
initiative-category-sport = Спорт
initiative-category-dialogue = Ұлтаралық диалог
initiative-category-other = Басқа
initiative-to-submitted = Қолдауға ұсыну
initiative-to-under-review = Қарауға алу
initiative-to-in-progress = Жұмысты бастау
initiative-to-implemented = Іске асырылды деп белгілеу
initiative-to-withdrawn = Бастаманы кері қайтару
initiative-by = Авторы: { $name }
initiative-deleted-member = жойылған қатысушы
initiative-shown-in-other-language = Мәтін сіздің тіліңізде жазылмаған; екінші тілде көрсетілді.
initiative-overdue = Уәде етілген жауаптың мерзімі өтті.
initiative-overdue-since = мерзімі: { $date }
initiative-late = Мерзімі өтті
initiative-threshold-hint = Бастама { $count } қолдау жинағанда қарауға жіберіледі.
initiative-you-support = Сіз бұл бастаманы қолдайсыз.
initiative-support = Қолдау
initiative-withdraw-support = Қолдауымды қайтару
initiative-login-to-support = Қолдау үшін кіріңіз
initiative-supported = Рақмет: қолдауыңыз есептелді.
initiative-support-withdrawn = Қолдауыңыз қайтарылды.
initiative-saved = Сақталды.
initiative-attached = Файл тіркелді.
initiative-actions = Сіз не істей аласыз
initiative-step-comment = Түсініктеме (таспада көрінеді, міндетті емес)
initiative-answer-heading = Ресми жауап
initiative-answer-text-kk = Қазақша жауап
initiative-answer-text-ru = Орысша жауап
initiative-decline-reason = Қабылдамау себебі
initiative-decline-reason-hint = Бастама қабылданбаса, міндетті.
initiative-responsible-hint = Іске асыруға кім жауапты (қабылданса, міндетті).
initiative-answer-submit = Жауапты жариялау
initiative-official-answer = Ресми жауап
initiative-answered-at = Берілген уақыты
initiative-needs = Не қажет
initiative-tenge = { $count } ₸
initiative-milestones = Кезеңдер
initiative-progress = Орындалды: { $count } %
initiative-milestone-done = орындалды
initiative-milestone-mark-done = Орындалды деп белгілеу
initiative-milestone-undo = Әлі орындалмады
initiative-milestone-add = Кезең қосу
initiative-report = Қорытынды есеп
initiative-report-kk = Қазақша есеп
initiative-report-ru = Орысша есеп
initiative-report-save = Есепті сақтау
initiative-links = Іс-шаралар мен брондаулар
initiative-link-my-booking = Менің брондауларымның бірі
initiative-link-submit = Бастамамен байланыстыру
initiative-team = Топ
initiative-author = автор
initiative-invited = шақырылды
initiative-you-are-invited = Сізді осы бастаманың тобына шақырды.
initiative-join = Топқа қосылу
initiative-decline-invitation = Бас тарту
initiative-invite-email = Қатысушыны электрондық поштасы арқылы шақыру
initiative-invite-hint = Шақыруды қабылдаған соң топқа қосылады.
initiative-invite = Шақыру
initiative-attachments = Файлдар
initiative-kb = { $count } КБ
initiative-attachment-delete = Жою
initiative-attachment-choose = Сурет немесе PDF
initiative-attachment-hint = JPEG, PNG, WebP немесе PDF, 900 КБ-тан аспауы керек.
initiative-attachment-upload = Тіркеу
initiative-raised-at = Басшылыққа жеткізілді
initiative-timeline = Бастаманың барысы
initiative-by-threshold = қолдау жеткілікті жиналды
initiative-comments = Пікірлер
initiative-reply = Жауап беру
initiative-comment-send = Жіберу
initiative-comment-new = Сіздің пікіріңіз
initiative-login-to-comment = Пікір қалдыру үшін кіріңіз
initiative-comment-edited = өзгертілді
initiative-comment-hidden-reports = Шағымдардан кейін жасырылды; шешімді модератор қабылдайды.
initiative-comment-hidden = Модератор жасырды.
initiative-comment-edit = Өзгерту
initiative-comment-save = Сақтау
initiative-comment-report = Шағымдану
initiative-moderation-reason = Себебі
initiative-comment-restore = Қайтару
initiative-comment-hide = Жасыру
initiative-comment-reports = { $count ->
    [one] { $count } шағым
   *[other] { $count } шағым
}
initiative-form-lead = Қазақша, орысша немесе екі тілде де жазыңыз. Ұсынғанға дейін бұл — жоба: оны тек сіз және тобыңыз көресіз.
initiative-two-languages-hint = Екі тілдің кем дегенде біреуінде.
initiative-in-kazakh = Қазақша
initiative-in-russian = Орысша
initiative-markdown-hint = Markdown: **жуан**, *көлбеу*, тізімдер, сілтемелер.
initiative-unit-hint = Бастаманы үйлестірушілері қарайтын бөлімше.
initiative-budget-hint = Теңгемен, бүтін санмен.
initiative-save = Сақтау
initiative-save-draft = Жобаны сақтау

meeting-list-title = Сессиялар және басшылықпен кездесулер
meeting-list-lead = Жастар бастамаларын қайда көтерді, не шешілді, кім және қай мерзімде жауап береді.
meeting-none = Әзірге жазба жоқ.
meeting-kind-assembly-session = Ассамблея сессиясы
meeting-kind-akim-meeting = Әкіммен кездесу
meeting-kind-other = Кездесу
meeting-participants = Қатысушылар
meeting-items = Көтерілген бастамалар
meeting-no-items = Бастамалар жазылмаған.
meeting-decision = Шешім

notice-initiative-status-submitted = «{ $title }» ұсынылды, оны қолдауға болады.
notice-initiative-status-under-review = «{ $title }» қаралуда.
notice-initiative-status-accepted = «{ $title }» қабылданды.
notice-initiative-status-declined = «{ $title }» қабылданбады.
notice-initiative-status-in-progress = «{ $title }» бойынша жұмыс басталды.
notice-initiative-status-implemented = «{ $title }» іске асырылды.
notice-initiative-status-withdrawn = Авторы «{ $title }» бастамасын кері қайтарды.
notice-initiative-invited = { $name } сізді «{ $title }» тобына шақырады.

## The meeting record form (staff)
meeting-form-new = Сессияны не кездесуді жазу
meeting-form-edit = Жазбаны өзгерту
meeting-form-back = Жазбаға оралу
meeting-form-lead = Кім қатысты, қандай бастамалар көтерілді, әрқайсысы бойынша не шешілді, кім және қай мерзімде жауап береді.
meeting-form-unit-hint = Осы жазбаны жүргізетін бөлімше: оны бөлімшенің үйлестірушілері мен әкімшілері өзгерте алады.
meeting-form-typed-participants = Қатысушылар аты-жөнімен
meeting-form-typed-participants-hint = Әр жолға бір адам; лауазымы үтірден кейін, мысалы: Әсел Нұрланқызы, облыс әкімінің орынбасары.
meeting-form-linked-participants = Ortaq мүшелері болып табылатын қатысушылар
meeting-form-linked-participants-hint = Қатысқан Ortaq мүшелерін таңдаңыз (бірнешеуін таңдау үшін Ctrl немесе ⌘ пернесін басып тұрыңыз).
meeting-form-rows-hint = Көтерілген әр бастамаға бір жол; бос жолдар сақталмайды. Көбірек жол керек болса, «Жол қосу» батырмасын басыңыз.
meeting-form-row = { $count }-жол
meeting-form-no-initiative = — бастаманы таңдаңыз —
meeting-form-no-member = — тізімнен ешкім —
meeting-form-decision-kk = Шешім қазақ тілінде
meeting-form-decision-ru = Шешім орыс тілінде
meeting-form-add-row = Жол қосу
meeting-form-save = Жазбаны сақтау
meeting-form-saved = Жазба сақталды.

## Links to events and bookings on the initiative page
initiative-links-none = Әзірге бұл бастамамен байланысты іс-шара да, брондау да жоқ.
initiative-linked-event = Іс-шара
initiative-linked-booking = Брондау
initiative-book-resource = Не брондалады
initiative-book-space = Осы бастамаға орын брондау
initiative-create-event = Осы бастамаға іс-шара құру
initiative-booked-linked = Брондау жасалды және осы бастамамен байланыстырылды.
initiative-booking-for = Бұл брондау мына бастамамен байланыстырылады:
initiative-event-for = Бұл іс-шара мына бастамамен байланыстырылады:
initiative-comment-earlier-versions = { $count ->
    [one] Өңделген: бұрынғы нұсқасы
   *[other] Өңделген: бұрынғы { $count } нұсқа
}
initiative-comment-replaced-at = { $date } ауыстырылды

## Support thresholds (admins)
initiative-settings-title = Қолдау шектері
initiative-settings-lead = Ұсынылған бастаманы қарауға жіберетін қолдау саны. Өз шегі жоқ бөлімше жоғарғы бөлімшенің шегін алады, ол да болмаса — { $count }.
initiative-settings-saved = Шек сақталды.
initiative-settings-in-force = Қолданыстағы шек
initiative-settings-own = Бөлімшенің өз шегі
initiative-settings-inherited = жоғарғы бөлімшеден
initiative-settings-default = әдепкі бойынша
initiative-settings-save = Сақтау
initiative-settings-clear-hint = Бөлімшенің өз шегін алып тастау үшін өрісті бос қалдырып, сақтаңыз.
initiative-settings-tile = Бастаманы қарауға жіберетін қолдау саны — бөлімшелер бойынша.
