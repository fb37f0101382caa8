## News

news-title = Жаңалықтар
news-feed = Atom арнасы
news-feed-title = Ortaq жаңалықтары
news-none = Әзірге жаңалық жоқ.
news-newer = Жаңарақ
news-older = Бұрынырақ
news-latest = Соңғы жаңалықтар
news-all = Барлық жаңалықтар
news-source = Дереккөз
news-new = Жаңалық жариялау
news-edit = Жаңалықты өзгерту
news-delete = Жаңалықты өшіру
news-manage = Жаңалықты басқару
news-save = Сақтау
news-publish = Жариялау
news-form-hint = Тақырып пен мәтінді қазақша, орысша немесе екі тілде де жазыңыз. Мәтінде Markdown қолдануға болады: **қалың**, *көлбеу*, [сілтеме](https://…), тізімдер.
news-title-kk = Тақырып (қазақша)
news-title-ru = Тақырып (орысша)
news-body-kk = Мәтін (қазақша)
news-body-ru = Мәтін (орысша)
field-news-title = Тақырып
field-news-body = Мәтін
field-news-source-url = Дереккөз сілтемесі (міндетті емес)
