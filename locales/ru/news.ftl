## News

news-title = Новости
news-feed = Лента Atom
news-feed-title = Новости Ortaq
news-none = Новостей пока нет.
news-newer = Новее
news-older = Раньше
news-latest = Последние новости
news-all = Все новости
news-source = Источник
news-new = Опубликовать новость
news-edit = Изменить новость
news-delete = Удалить новость
news-manage = Управление новостью
news-save = Сохранить
news-publish = Опубликовать
news-form-hint = Напишите заголовок и текст на казахском, русском или на обоих языках. В тексте можно использовать Markdown: **жирный**, *курсив*, [ссылка](https://…), списки.
news-title-kk = Заголовок (на казахском)
news-title-ru = Заголовок (на русском)
news-body-kk = Текст (на казахском)
news-body-ru = Текст (на русском)
field-news-title = Заголовок
field-news-body = Текст
field-news-source-url = Ссылка на источник (необязательно)
