## News

news-title = News
news-feed = Atom feed
news-feed-title = Ortaq news
news-none = No news yet.
news-newer = Newer
news-older = Older
news-latest = Latest news
news-all = All news
news-source = Source
news-new = Publish news
news-edit = Edit this post
news-delete = Delete this post
news-manage = Manage this post
news-save = Save
news-publish = Publish
news-form-hint = Write the title and the text in Kazakh, Russian or both. The text may use Markdown: **bold**, *italic*, [a link](https://…), lists.
news-title-kk = Title (Kazakh)
news-title-ru = Title (Russian)
news-body-kk = Text (Kazakh)
news-body-ru = Text (Russian)
field-news-title = Title
field-news-body = Text
field-news-source-url = Source link (optional)
