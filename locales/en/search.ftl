## Search across units, members, news, events and initiatives

search-title = Search
search-label = What are you looking for?
search-placeholder = For example: Dostyq, Aktobe
search-submit = Search
search-too-short = Type at least two letters.
search-results = Results
search-nothing = Nothing found. Try spelling the word another way.
search-found = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
search-hint = Type in Cyrillic or Latin letters: «Достық», «Dostyq» and «Dostyk» find the same.
search-kind-unit = Units
search-kind-member = Members
search-kind-news = News
search-kind-event = Events
search-kind-initiative = Initiatives
