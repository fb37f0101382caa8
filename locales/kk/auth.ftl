signup-title = Тіркелу
signup-lead = Ақтөбе жастарына қосылыңыз: жұмыс орнын брондаңыз, іс-шараларға қатысыңыз, бастамаларыңызды ұсыныңыз.
signup-submit = Аккаунт ашу
signup-have-account = Аккаунтыңыз бар ма?
password-hint = Кемінде 8 таңба. Бірнеше сөзден тұратын тіркесті есте сақтау оңай, ал бөгде адамның оны табуы қиын.
login-title = Кіру
login-submit = Кіру
login-no-account = Аккаунтыңыз жоқ па?
login-failed = Электрондық пошта немесе құпиясөз қате. Екеуін де тексеріп, қайталап көріңіз.
login-throttled = Тым көп әрекет жасалды. { $seconds ->
   *[other] { $seconds } секундтан
} кейін қайталап көріңіз.
account-title = Менің аккаунтым
account-welcome = { $name }, Ortaq платформасына қош келдіңіз!
account-password-saved = Құпиясөзіңіз өзгертілді. Басқа құрылғылардағы сеанстарыңыз жабылды.
account-language-saved = Тіл таңдауыңыз сақталды.
account-language = Тіл
account-language-legend = Ortaq сізбен қай тілде сөйлессін
account-password = Құпиясөзді өзгерту
account-password-submit = Құпиясөзді өзгерту
