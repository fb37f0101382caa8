## Search across units, members, news, events and initiatives

search-title = Поиск
search-label = Что вы ищете?
search-placeholder = Например: Достық, Dostyq, Актобе
search-submit = Найти
search-too-short = Напишите хотя бы две буквы.
search-results = Найдено
search-nothing = Ничего не найдено. Попробуйте написать слово иначе.
search-found = { $count ->
    [one] Найден { $count } результат
    [few] Найдено { $count } результата
    [many] Найдено { $count } результатов
   *[other] Найдено { $count } результата
}
search-hint = Можно писать кириллицей и латиницей: «Достық», «Dostyq» и «Достык» находят одно и то же.
search-kind-unit = Подразделения
search-kind-member = Участники
search-kind-news = Новости
search-kind-event = Мероприятия
search-kind-initiative = Инициативы
