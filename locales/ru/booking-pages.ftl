## booking-pages
