## Search across units, members, news, events and initiatives

search-title = Іздеу
search-label = Не іздейсіз?
search-placeholder = Мысалы: Достық, Dostyq, Ақтөбе
search-submit = Іздеу
search-too-short = Кемінде екі әріп жазыңыз.
search-results = Табылғандар
search-nothing = Ештеңе табылмады. Сөзді басқаша жазып көріңіз.
search-found = { $count ->
   *[other] { $count } нәтиже табылды
}
search-hint = Кириллицамен де, латынмен де жазуға болады: «Достық», «Dostyq», «Достык» бірдей табылады.
search-kind-unit = Бөлімшелер
search-kind-member = Қатысушылар
search-kind-news = Жаңалықтар
search-kind-event = Іс-шаралар
search-kind-initiative = Бастамалар
