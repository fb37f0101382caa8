## calendar
