"""Demo data for the campaign core: the 2012 "Write for Rights" marathon for Ales Bialiatski.

Facts come from the published round-ups of the 2012 marathon. Every step is idempotent: objects are
looked up by slug or email and only created when missing.
"""

import datetime as dt

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from .models import Campaign, Case, CaseUpdate, LocalGroup, Membership
from .permissions import COORDINATOR_GROUP

DEMO_PASSWORD = "marathon-demo"  # local demo only; the README says so

# The 36 countries the 2012 marathon reached, each with one local group in a real city.
GROUPS_2012 = [
    ("AT", "Vienna"),
    ("BE", "Brussels"),
    ("BM", "Hamilton"),
    ("BG", "Sofia"),
    ("CA", "Montreal"),
    ("CY", "Nicosia"),
    ("CZ", "Prague"),
    ("FI", "Helsinki"),
    ("GH", "Accra"),
    ("IS", "Reykjavík"),
    ("IE", "Dublin"),
    ("IT", "Rome"),
    ("JP", "Tokyo"),
    ("LV", "Riga"),
    ("LU", "Luxembourg"),
    ("ML", "Bamako"),
    ("MT", "Valletta"),
    ("MD", "Chișinău"),
    ("MN", "Ulaanbaatar"),
    ("PY", "Asunción"),
    ("PL", "Poznań"),
    ("PT", "Lisbon"),
    ("PR", "San Juan"),
    ("RO", "Bucharest"),
    ("RU", "Moscow"),
    ("SK", "Bratislava"),
    ("SI", "Ljubljana"),
    ("KR", "Seoul"),
    ("SE", "Stockholm"),
    ("CH", "Bern"),
    ("TW", "Taipei"),
    ("TG", "Lomé"),
    ("TN", "Tunis"),
    ("UA", "Kyiv"),
    ("VE", "Caracas"),
    ("GB", "London"),
]
# A second Polish group: Warsaw painted the street portrait of Ales Bialiatski.
EXTRA_GROUPS = [("PL", "Warsaw")]

# (email, full name, slugs of the groups they coordinate)
COORDINATORS = [
    ("coordinator@example.org", "Kasia Nowak", ["poznan-pl", "helsinki-fi", "asuncion-py"]),
    ("aino@example.org", "Aino Virtanen", ["helsinki-fi"]),
    ("hiroshi@example.org", "Hiroshi Tanaka", ["tokyo-jp"]),
]
STAFF = ("admin@example.org", "Section Staff")

CAMPAIGN = {
    "slug": "write-for-rights-2012",
    "name": "Write for Rights 2012",
    "slogan": "Write for Rights! Make a difference!",
    "description": (
        "The annual letter-writing marathon opened on 7 December 2012, on the eve of Human Rights Day. "
        "Across 36 countries people wrote to prisoners of conscience, appealed to the authorities holding "
        "them, signed petitions and took to the streets with lanterns, candles, posters and bicycles."
    ),
    "name_pl": "Maraton Pisania Listów 2012",
    "slogan_pl": "Napisz list! Zmieniaj świat!",
    "description_pl": (
        "Doroczny maraton pisania listów rozpoczął się 7 grudnia 2012 roku, w przededniu Dnia Praw Człowieka. "
        "W 36 krajach ludzie pisali do więźniów sumienia, apelowali do przetrzymujących ich władz, podpisywali "
        "petycje i wychodzili na ulice z lampionami, świecami, plakatami i rowerami."
    ),
    "name_ru": "Марафон писем 2012",
    "slogan_ru": "Пиши ради прав! Меняй мир к лучшему!",
    "description_ru": (
        "Ежегодный марафон писем открылся 7 декабря 2012 года, накануне Дня прав человека. В 36 странах люди "
        "писали узникам совести, обращались к удерживающим их властям, подписывали петиции и выходили на улицы "
        "с фонариками, свечами, плакатами и велосипедами."
    ),
    "name_be": "Марафон лістоў 2012",
    "slogan_be": "Пішы дзеля правоў! Мяняй свет!",
    "description_be": (
        "Штогадовы марафон лістоў адкрыўся 7 снежня 2012 года, напярэдадні Дня правоў чалавека. У 36 краінах "
        "людзі пісалі вязням сумлення, звярталіся да ўладаў, якія іх трымаюць, падпісвалі петыцыі і выходзілі на "
        "вуліцы з ліхтарыкамі, свечкамі, плакатамі і роварамі."
    ),
    "name_fr": "Écrire pour les droits 2012",
    "slogan_fr": "Écrivez pour les droits\u00a0! Changez les choses\u00a0!",
    "description_fr": (
        "Le marathon annuel d’écriture de lettres s’est ouvert le 7 décembre 2012, à la veille de la Journée des "
        "droits humains. Dans 36 pays, des personnes ont écrit à des prisonniers d’opinion, interpellé les "
        "autorités qui les détiennent, signé des pétitions et sont descendues dans la rue avec des lanternes, des "
        "bougies, des affiches et des vélos."
    ),
    "name_es": "Escribe por los Derechos 2012",
    "slogan_es": "¡Escribe por los derechos! ¡Cambia las cosas!",
    "description_es": (
        "El maratón anual de cartas comenzó el 7 de diciembre de 2012, víspera del Día de los Derechos Humanos. "
        "En 36 países, la gente escribió a presos y presas de conciencia, hizo llamamientos a las autoridades que "
        "los mantienen encarcelados, firmó peticiones y salió a la calle con farolillos, velas, carteles y "
        "bicicletas."
    ),
    "starts_on": dt.date(2012, 12, 7),
    "ends_on": dt.date(2013, 2, 28),
    "actions_goal": 100_000,
    "is_active": True,
}

CASE = {
    "slug": "ales-bialiatski",
    "name": "Ales Bialiatski",
    "country": "BY",
    "status": Case.Status.IMPRISONED,
    "summary": (
        "Head of the Human Rights Centre Viasna and Vice-President of FIDH, jailed in Belarus for four and "
        "a half years on a tax charge brought to punish his human rights work."
    ),
    "story": (
        "Ales Bialiatski leads Viasna, the Belarusian human rights centre the authorities dissolved, and is "
        "Vice-President of the International Federation for Human Rights (FIDH).\n\n"
        'He was arrested in August 2011 and charged with concealing income "on an especially large scale" '
        "under Article 243, part 2, of the Belarusian Criminal Code. The money in question had been sent to "
        "support Viasna's work with victims of repression.\n\n"
        "On 24 November 2011, after almost four months in pre-trial detention, a district court in Minsk "
        "sentenced him to four and a half years in a strict-regime colony. The court also confiscated his "
        "property, including the premises Viasna used as its office, and fined him about 70,000 euros. "
        "The Minsk City Court upheld the sentence on 24 January 2012 and later added a further penalty of "
        "about 12,700 euros for alleged late payment.\n\n"
        "The UN Working Group on Arbitrary Detention found his detention arbitrary. Amnesty International "
        "considers him a prisoner of conscience, held solely for his peaceful human rights work.\n\n"
        "In the 2012 marathon more than 104,700 actions were taken for him in 36 countries: letters of "
        "solidarity, appeals and petitions to the Belarusian authorities, lantern workshops in Japan and "
        "South Korea, a bike rally in Paraguay, posters in Slovenia, candle vigils in Finland, and graffiti "
        "and photo actions in Poland, where 30,894 actions were taken in 24 hours."
    ),
    "authority_name": "Alyaksandr Lukashenka",
    "authority_title": "President of the Republic of Belarus",
    "authority_address": "Administration of the President\nvul. Karla Marksa 38\n220016 Minsk\nBELARUS",
    "authority_salutation": "Dear President",
    "postage_tips": (
        "Letters to Belarus need international postage. Write the country in capital letters on the last "
        "line of the address. Keep a copy of your letter."
    ),
    "sample_appeal_letter": (
        "Dear President,\n\n"
        "I am writing to urge you to release Ales Bialiatski immediately and unconditionally. He is a "
        "prisoner of conscience, held solely for his peaceful work defending human rights with the Human "
        "Rights Centre Viasna.\n\n"
        "The UN Working Group on Arbitrary Detention has found his detention arbitrary. I ask you to quash "
        "his conviction, to return the property confiscated from him, and to allow human rights defenders "
        "in Belarus to work without fear of reprisal.\n\n"
        "Yours sincerely,"
    ),
    # Translations (django-modeltranslation): his name as each language writes it (French and Spanish write it
    # as English does); the summary reads in every language; a supporter on /pl/ or /ru/
    # also starts from the letter in their language, and every other language falls back to the English text.
    "name_pl": "Aleś Bialacki",
    "name_ru": "Алесь Беляцкий",
    "name_be": "Алесь Бяляцкі",
    "summary_pl": (
        "Przewodniczący Centrum Praw Człowieka „Wiasna” i wiceprzewodniczący FIDH, skazany na Białorusi na "
        "cztery i pół roku kolonii karnej za rzekome przestępstwo podatkowe – w odwecie za obronę praw człowieka."
    ),
    "summary_ru": (
        "Председатель Правозащитного центра «Весна» и вице-президент FIDH, приговорённый в Беларуси к четырём "
        "с половиной годам колонии по налоговому обвинению, выдвинутому, чтобы наказать его за правозащитную "
        "деятельность."
    ),
    "summary_be": (
        "Старшыня Праваабарончага цэнтра «Вясна» і віцэ-прэзідэнт FIDH, асуджаны ў Беларусі на чатыры з паловай "
        "гады калоніі па падатковым абвінавачванні, якое мае пакараць яго за праваабарончую дзейнасць."
    ),
    "summary_fr": (
        "Président du Centre de défense des droits humains Viasna et vice-président de la FIDH, condamné au "
        "Bélarus à quatre ans et demi de colonie pénitentiaire sur une accusation fiscale destinée à le punir de "
        "son travail en faveur des droits humains."
    ),
    "summary_es": (
        "Director del Centro de Derechos Humanos Viasna y vicepresidente de la FIDH, condenado en Bielorrusia a "
        "cuatro años y medio de colonia penitenciaria por un cargo fiscal presentado para castigar su labor en "
        "favor de los derechos humanos."
    ),
    "authority_salutation_pl": "Szanowny Panie Prezydencie",
    "authority_salutation_ru": "Уважаемый господин Президент",
    "authority_salutation_be": "Паважаны спадар Прэзідэнт",
    "postage_tips_be": (
        "Для лістоў у Беларусь патрэбная міжнародная марка. Напішыце назву краіны вялікімі літарамі ў апошнім "
        "радку адраса. Захавайце копію свайго ліста."
    ),
    "sample_solidarity_message_be": (
        "Дарагі Алесь, людзі па ўсім свеце думаюць пра Вас. Вы не адзін. З цёплымі пажаданнямі,"
    ),
    "sample_appeal_letter_be": (
        "Паважаны спадар Прэзідэнт!\n\n"
        "Я звяртаюся да Вас з заклікам неадкладна і безумоўна вызваліць Алеся Бяляцкага. Ён вязень сумлення: "
        "яго пазбавілі волі выключна за мірную праваабарончую дзейнасць у Праваабарончым цэнтры «Вясна».\n\n"
        "Рабочая група ААН па адвольных затрыманнях прызнала яго ўтрыманне пад вартай адвольным. Прашу Вас "
        "адмяніць вынесены яму прысуд, вярнуць канфіскаваную ў яго маёмасць і дазволіць праваабаронцам у Беларусі "
        "працаваць, не баючыся пераследу.\n\n"
        "З павагай,"
    ),
    "postage_tips_pl": (
        "Listy na Białoruś wymagają znaczka na przesyłkę zagraniczną. W ostatnim wierszu adresu wpisz nazwę "
        "kraju wielkimi literami. Zachowaj kopię swojego listu."
    ),
    "postage_tips_ru": (
        "Для писем в Беларусь нужна международная марка. Напишите название страны заглавными буквами в последней "
        "строке адреса. Сохраните копию своего письма."
    ),
    "sample_solidarity_message_pl": (
        "Drogi Alesiu, ludzie na całym świecie myślą o Tobie. Nie jesteś sam. Serdecznie pozdrawiam,"
    ),
    "sample_solidarity_message_ru": (
        "Дорогой Алесь, люди по всему миру думают о Вас. Вы не один. С тёплыми пожеланиями,"
    ),
    "sample_appeal_letter_pl": (
        "Szanowny Panie Prezydencie,\n\n"
        "zwracam się do Pana z apelem o natychmiastowe i bezwarunkowe uwolnienie Alesia Bialackiego. Jest on "
        "więźniem sumienia, pozbawionym wolności wyłącznie za pokojową działalność w obronie praw człowieka "
        "w Centrum Praw Człowieka „Wiasna”.\n\n"
        "Grupa Robocza ONZ ds. Arbitralnego Zatrzymania uznała jego pozbawienie wolności za arbitralne. "
        "Proszę o uchylenie wyroku, zwrot skonfiskowanego mu mienia oraz zapewnienie obrońcom praw człowieka "
        "na Białorusi możliwości działania bez obawy przed represjami.\n\n"
        "Z wyrazami szacunku"
    ),
    "sample_appeal_letter_ru": (
        "Уважаемый господин Президент!\n\n"
        "Я обращаюсь к Вам с призывом немедленно и безоговорочно освободить Алеся Беляцкого. Он узник совести: "
        "его лишили свободы исключительно за мирную правозащитную деятельность в Правозащитном центре "
        "«Весна».\n\n"
        "Рабочая группа ООН по произвольным задержаниям признала его содержание под стражей произвольным. "
        "Прошу Вас отменить вынесенный ему приговор, вернуть конфискованное у него имущество и позволить "
        "правозащитникам в Беларуси работать, не опасаясь преследований.\n\n"
        "С уважением,"
    ),
    "authority_salutation_fr": "Monsieur le Président",
    "authority_salutation_es": "Señor Presidente",
    "postage_tips_fr": (
        "Les lettres pour le Bélarus doivent être affranchies au tarif international. Écrivez le nom du pays en "
        "majuscules sur la dernière ligne de l’adresse. Gardez une copie de votre lettre."
    ),
    "postage_tips_es": (
        "Las cartas a Bielorrusia necesitan franqueo internacional. Escribe el nombre del país en mayúsculas en "
        "la última línea de la dirección. Guarda una copia de tu carta."
    ),
    "sample_solidarity_message_fr": (
        "Cher Ales, partout dans le monde, des gens pensent à vous. Vous n’êtes pas seul. Avec toute mon amitié,"
    ),
    "sample_solidarity_message_es": (
        "Querido Ales: personas de todo el mundo piensan en ti. No estás solo. Con todo mi cariño,"
    ),
    "sample_appeal_letter_fr": (
        "Monsieur le Président,\n\n"
        "Je vous écris pour vous demander de libérer Ales Bialiatski immédiatement et sans condition. C’est un "
        "prisonnier d’opinion, détenu uniquement pour son action pacifique de défense des droits humains au sein "
        "du Centre de défense des droits humains Viasna.\n\n"
        "Le Groupe de travail des Nations unies sur la détention arbitraire a jugé sa détention arbitraire. Je "
        "vous demande d’annuler sa condamnation, de lui restituer les biens qui lui ont été confisqués et de "
        "permettre aux défenseurs des droits humains au Bélarus de travailler sans crainte de représailles.\n\n"
        "Je vous prie d’agréer, Monsieur le Président, l’expression de ma haute considération."
    ),
    "sample_appeal_letter_es": (
        "Señor Presidente:\n\n"
        "Le escribo para instarle a poner en libertad a Ales Bialiatski de forma inmediata e incondicional. Es "
        "un preso de conciencia, recluido únicamente por su labor pacífica en defensa de los derechos humanos en "
        "el Centro de Derechos Humanos Viasna.\n\n"
        "El Grupo de Trabajo de la ONU sobre la Detención Arbitraria ha determinado que su detención es "
        "arbitraria. Le pido que anule su condena, que le devuelva los bienes que le fueron confiscados y que "
        "permita a quienes defienden los derechos humanos en Bielorrusia trabajar sin temor a represalias.\n\n"
        "Atentamente,"
    ),
    # The story in every language of the site, so a supporter on /pl/ or /ru/ reads it in theirs.
    "story_pl": (
        "Aleś Bialacki kieruje „Wiasną”, białoruskim centrum praw człowieka rozwiązanym przez władze, i jest "
        "wiceprzewodniczącym Międzynarodowej Federacji Praw Człowieka (FIDH).\n\n"
        "Został aresztowany w sierpniu 2011 roku i oskarżony o ukrywanie dochodów „na szczególnie dużą skalę” na "
        "podstawie art. 243 cz. 2 białoruskiego Kodeksu karnego. Chodziło o pieniądze przekazywane na wsparcie "
        "pracy „Wiasny” z ofiarami represji.\n\n"
        "24 listopada 2011 roku, po prawie czterech miesiącach aresztu tymczasowego, sąd rejonowy w Mińsku skazał "
        "go na cztery i pół roku kolonii karnej o zaostrzonym rygorze. Sąd skonfiskował też jego mienie, w tym "
        "lokal, w którym mieściło się biuro „Wiasny”, i wymierzył mu grzywnę w wysokości około 70 000 euro. "
        "24 stycznia 2012 roku Miński Sąd Miejski utrzymał wyrok w mocy, a później nałożono na niego kolejną karę, "
        "około 12 700 euro, za rzekome opóźnienie w płatności.\n\n"
        "Grupa Robocza ONZ ds. Arbitralnego Zatrzymania uznała jego pozbawienie wolności za arbitralne. Amnesty "
        "International uważa go za więźnia sumienia, przetrzymywanego wyłącznie za pokojową działalność w obronie "
        "praw człowieka.\n\n"
        "W maratonie 2012 roku podjęto w jego sprawie ponad 104 700 działań w 36 krajach: listy solidarności, "
        "apele i petycje do władz Białorusi, warsztaty lampionów w Japonii i Korei Południowej, rajd rowerowy "
        "w Paragwaju, plakaty w Słowenii, czuwania przy świecach w Finlandii oraz graffiti i akcje fotograficzne "
        "w Polsce, gdzie w ciągu 24 godzin podjęto 30 894 działania."
    ),
    "story_ru": (
        "Алесь Беляцкий возглавляет «Весну», белорусский правозащитный центр, ликвидированный властями, и является "
        "вице-президентом Международной федерации за права человека (FIDH).\n\n"
        "Его арестовали в августе 2011 года и обвинили в сокрытии доходов «в особо крупном размере» по части 2 "
        "статьи 243 Уголовного кодекса Беларуси. Речь шла о деньгах, которые поступали на поддержку работы «Весны» "
        "с пострадавшими от репрессий.\n\n"
        "24 ноября 2011 года, после почти четырёх месяцев в СИЗО, районный суд Минска приговорил его к четырём "
        "с половиной годам колонии усиленного режима. Суд также конфисковал его имущество, в том числе помещение, "
        "где работал офис «Весны», и оштрафовал его примерно на 70 000 евро. 24 января 2012 года Минский городской "
        "суд оставил приговор в силе, а позже ему назначили ещё около 12 700 евро за якобы просроченную уплату.\n\n"
        "Рабочая группа ООН по произвольным задержаниям признала его содержание под стражей произвольным. Amnesty "
        "International считает его узником совести, которого удерживают исключительно за мирную правозащитную "
        "деятельность.\n\n"
        "Во время марафона 2012 года в его поддержку совершили более 104 700 действий в 36 странах: письма "
        "солидарности, обращения и петиции к белорусским властям, мастерские фонариков в Японии и Южной Корее, "
        "велопробег в Парагвае, плакаты в Словении, вечера со свечами в Финляндии, граффити и фотоакции в Польше, "
        "где за 24 часа совершили 30 894 действия."
    ),
    "story_be": (
        "Алесь Бяляцкі ўзначальвае «Вясну», беларускі праваабарончы цэнтр, які ўлады ліквідавалі, і з’яўляецца "
        "віцэ-прэзідэнтам Міжнароднай федэрацыі за правы чалавека (FIDH).\n\n"
        "Яго арыштавалі ў жніўні 2011 года і абвінавацілі ў хаванні даходаў «у асабліва буйным памеры» паводле "
        "часткі 2 артыкула 243 Крымінальнага кодэкса Беларусі. Гаворка ішла пра грошы, якія паступалі на падтрымку "
        "працы «Вясны» з пацярпелымі ад рэпрэсій.\n\n"
        "24 лістапада 2011 года, пасля амаль чатырох месяцаў у СІЗА, раённы суд Мінска прысудзіў яму чатыры "
        "з паловай гады калоніі ўзмоцненага рэжыму. Суд таксама канфіскаваў яго маёмасць, у тым ліку памяшканне, "
        "дзе працаваў офіс «Вясны», і аштрафаваў яго прыкладна на 70 000 еўра. 24 студзеня 2012 года Мінскі "
        "гарадскі суд пакінуў прысуд у сіле, а пазней яму прызначылі яшчэ каля 12 700 еўра за нібыта "
        "пратэрмінаваную выплату.\n\n"
        "Рабочая група ААН па адвольных затрыманнях прызнала яго ўтрыманне пад вартай адвольным. Amnesty "
        "International лічыць яго вязнем сумлення, якога трымаюць выключна за мірную праваабарончую дзейнасць.\n\n"
        "Падчас марафону 2012 года ў яго падтрымку зрабілі больш за 104 700 дзеянняў у 36 краінах: лісты "
        "салідарнасці, звароты і петыцыі да беларускіх уладаў, майстэрні ліхтарыкаў у Японіі і Паўднёвай Карэі, "
        "велапрабег у Парагваі, плакаты ў Славеніі, вечары са свечкамі ў Фінляндыі, графіці і фотаакцыі ў Польшчы, "
        "дзе за 24 гадзіны зрабілі 30 894 дзеянні."
    ),
    "story_fr": (
        "Ales Bialiatski dirige Viasna, le centre bélarussien de défense des droits humains dissous par les "
        "autorités, et il est vice-président de la Fédération internationale pour les droits humains (FIDH).\n\n"
        "Il a été arrêté en août 2011 et inculpé de dissimulation de revenus « à très grande échelle » au titre "
        "de l’article 243, alinéa 2, du Code pénal bélarussien. L’argent en question avait été envoyé pour soutenir "
        "le travail de Viasna auprès des victimes de la répression.\n\n"
        "Le 24 novembre 2011, après près de quatre mois de détention provisoire, un tribunal de district de Minsk "
        "l’a condamné à quatre ans et demi de colonie pénitentiaire à régime strict. Le tribunal a également "
        "confisqué ses biens, y compris les locaux qui servaient de bureau à Viasna, et lui a infligé une amende "
        "d’environ 70 000 euros. Le tribunal municipal de Minsk a confirmé la peine le 24 janvier 2012 ; une "
        "pénalité d’environ 12 700 euros lui a ensuite été ajoutée pour un prétendu retard de paiement.\n\n"
        "Le Groupe de travail des Nations unies sur la détention arbitraire a estimé que sa détention était "
        "arbitraire. Amnesty International le considère comme un prisonnier d’opinion, détenu uniquement pour son "
        "action pacifique en faveur des droits humains.\n\n"
        "Lors du marathon 2012, plus de 104 700 actions ont été menées pour lui dans 36 pays : lettres de "
        "solidarité, appels et pétitions aux autorités bélarussiennes, ateliers de lanternes au Japon et en Corée "
        "du Sud, rallye à vélo au Paraguay, affiches en Slovénie, veillées aux bougies en Finlande, graffitis et "
        "actions photo en Pologne, où 30 894 actions ont été menées en 24 heures."
    ),
    "story_es": (
        "Ales Bialiatski dirige Viasna, el centro bielorruso de derechos humanos que las autoridades disolvieron, "
        "y es vicepresidente de la Federación Internacional por los Derechos Humanos (FIDH).\n\n"
        "Fue detenido en agosto de 2011 y acusado de ocultar ingresos «en cuantía especialmente elevada» en virtud "
        "del artículo 243, parte 2, del Código Penal de Bielorrusia. El dinero en cuestión se había enviado para "
        "apoyar el trabajo de Viasna con las víctimas de la represión.\n\n"
        "El 24 de noviembre de 2011, tras casi cuatro meses de prisión preventiva, un tribunal de distrito de Minsk "
        "lo condenó a cuatro años y medio en una colonia penitenciaria de régimen estricto. El tribunal también "
        "confiscó sus bienes, incluido el local que Viasna usaba como oficina, y le impuso una multa de unos "
        "70.000 euros. El Tribunal Municipal de Minsk confirmó la condena el 24 de enero de 2012 y después le "
        "añadió una sanción de unos 12.700 euros por un supuesto retraso en el pago.\n\n"
        "El Grupo de Trabajo de la ONU sobre la Detención Arbitraria determinó que su detención era arbitraria. "
        "Amnistía Internacional lo considera preso de conciencia, recluido únicamente por su labor pacífica en "
        "defensa de los derechos humanos.\n\n"
        "En el maratón de 2012 se realizaron más de 104.700 acciones por él en 36 países: cartas de solidaridad, "
        "llamamientos y peticiones a las autoridades bielorrusas, talleres de farolillos en Japón y Corea del Sur, "
        "una marcha en bicicleta en Paraguay, carteles en Eslovenia, vigilias con velas en Finlandia, y grafitis "
        "y acciones fotográficas en Polonia, donde se realizaron 30.894 acciones en 24 horas."
    ),
    "message_route": Case.MessageRoute.SECTION,
    "sample_solidarity_message": (
        "Dear Ales, people all over the world are thinking of you. You are not alone. With warm wishes,"
    ),
}

CASE_UPDATES = [
    (dt.date(2011, 8, 4), "Arrested in Minsk", "Ales Bialiatski is detained and charged under Article 243."),
    (
        dt.date(2011, 11, 24),
        "Sentenced to four and a half years",
        "A Minsk district court sentences him to a strict-regime colony and confiscates his property.",
    ),
    (
        dt.date(2012, 1, 24),
        "Sentence upheld on appeal",
        "The Minsk City Court rejects all of his lawyers' motions.",
    ),
    (
        dt.date(2012, 12, 7),
        "Write for Rights 2012 begins",
        "Supporters in 36 countries start writing, signing and organising events for him.",
    ),
]
# The timeline in the other five languages (title, text).
CASE_UPDATE_TRANSLATIONS = {
    "Arrested in Minsk": {
        "pl": ("Aresztowany w Mińsku", "Aleś Bialacki zostaje zatrzymany i oskarżony na podstawie art. 243."),
        "ru": ("Арестован в Минске", "Алеся Беляцкого задерживают и обвиняют по статье 243."),
        "be": ("Арыштаваны ў Мінску", "Алеся Бяляцкага затрымліваюць і абвінавачваюць па артыкуле 243."),
        "fr": ("Arrêté à Minsk", "Ales Bialiatski est interpellé et inculpé en vertu de l’article 243."),
        "es": ("Detenido en Minsk", "Ales Bialiatski es detenido y acusado en virtud del artículo 243."),
    },
    "Sentenced to four and a half years": {
        "pl": (
            "Skazany na cztery i pół roku",
            "Sąd rejonowy w Mińsku skazuje go na kolonię karną o zaostrzonym rygorze i konfiskuje jego mienie.",
        ),
        "ru": (
            "Приговорён к четырём с половиной годам",
            "Районный суд Минска приговаривает его к колонии усиленного режима и конфискует его имущество.",
        ),
        "be": (
            "Асуджаны на чатыры з паловай гады",
            "Раённы суд Мінска прыгаворвае яго да калоніі ўзмоцненага рэжыму і канфіскуе яго маёмасць.",
        ),
        "fr": (
            "Condamné à quatre ans et demi",
            "Un tribunal de district de Minsk le condamne à une colonie à régime sévère et confisque ses biens.",
        ),
        "es": (
            "Condenado a cuatro años y medio",
            "Un tribunal de distrito de Minsk lo condena a una colonia de régimen estricto y confisca sus bienes.",
        ),
    },
    "Sentence upheld on appeal": {
        "pl": ("Wyrok utrzymany w apelacji", "Miński Sąd Miejski odrzuca wszystkie wnioski jego obrońców."),
        "ru": ("Приговор оставлен в силе", "Минский городской суд отклоняет все ходатайства его адвокатов."),
        "be": ("Прысуд пакінуты ў сіле", "Мінскі гарадскі суд адхіляе ўсе хадайніцтвы яго адвакатаў."),
        "fr": (
            "Condamnation confirmée en appel",
            "Le tribunal de la ville de Minsk rejette toutes les demandes de ses avocats.",
        ),
        "es": (
            "Condena confirmada en apelación",
            "El Tribunal de la Ciudad de Minsk rechaza todas las peticiones de sus abogados.",
        ),
    },
    "Write for Rights 2012 begins": {
        "pl": (
            "Rusza Maraton Pisania Listów 2012",
            "Ludzie w 36 krajach zaczynają pisać listy, podpisywać petycje i organizować wydarzenia w jego obronie.",
        ),
        "ru": (
            "Начинается марафон писем 2012 года",
            "Сторонники в 36 странах начинают писать письма, подписывать петиции и проводить акции в его поддержку.",
        ),
        "be": (
            "Пачынаецца марафон лістоў 2012 года",
            "Прыхільнікі ў 36 краінах пачынаюць пісаць лісты, падпісваць петыцыі і праводзіць акцыі ў яго падтрымку.",
        ),
        "fr": (
            "Début d’Écrire pour les droits 2012",
            "Dans 36 pays, des sympathisants commencent à écrire, à signer et à organiser des événements pour lui.",
        ),
        "es": (
            "Comienza Escribe por los Derechos 2012",
            "Simpatizantes de 36 países empiezan a escribir, firmar y organizar eventos por él.",
        ),
    },
}


def seed_core(*, scale: int = 1, stdout=None) -> dict:
    with transaction.atomic():
        campaign, _ = Campaign.objects.get_or_create(slug=CAMPAIGN["slug"], defaults=CAMPAIGN)
        case, created = Case.objects.get_or_create(slug=CASE["slug"], defaults=CASE)
        if created:
            case.campaigns.add(campaign)
            for happened_on, title, body in CASE_UPDATES:
                translated = {}
                for language, (title_in, body_in) in CASE_UPDATE_TRANSLATIONS.get(title, {}).items():
                    translated |= {f"title_{language}": title_in, f"body_{language}": body_in}
                CaseUpdate.objects.create(
                    case=case, happened_on=happened_on, title=title, body=body, **translated
                )
        groups = _seed_groups()
        users = _seed_people(groups)
        if scale > 1:
            _seed_scaled_groups(scale)
    return {"campaign": campaign, "case": case, "groups": groups, **users}


def group_slug(country: str, city: str) -> str:
    from django.utils.text import slugify

    return f"{slugify(city)}-{country.lower()}"


def _seed_groups() -> dict[str, LocalGroup]:
    from django_countries import countries

    groups = {}
    for country, city in GROUPS_2012 + EXTRA_GROUPS:
        slug = group_slug(country, city)
        groups[slug], _ = LocalGroup.objects.get_or_create(
            slug=slug,
            defaults={
                "name": f"{city} group ({countries.name(country)})",
                "country": country,
                "city": city,
                "contact_email": f"marathon-{slug}@example.org",
            },
        )
    return groups


def _demo_user(email: str, full_name: str, **flags):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name, **flags)
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _seed_people(groups: dict[str, LocalGroup]) -> dict:
    staff = _demo_user(STAFF[0], STAFF[1], is_staff=True, is_superuser=True)
    coordinators = []
    coordinator_role = Group.objects.get(name=COORDINATOR_GROUP)
    for email, name, slugs in COORDINATORS:
        user = _demo_user(email, name, is_staff=True)
        user.groups.add(coordinator_role)
        for slug in slugs:
            Membership.objects.get_or_create(
                user=user, group=groups[slug], defaults={"role": Membership.Role.COORDINATOR}
            )
        coordinators.append(user)
    volunteer = _demo_user("volunteer@example.org", "Ana Benítez")
    Membership.objects.get_or_create(user=volunteer, group=groups["asuncion-py"])
    return {"staff": staff, "coordinators": coordinators, "volunteer": volunteer}


def _seed_scaled_groups(scale: int) -> None:
    """Synthetic groups for benchmarks: (scale - 1) more per 2012 country, in one bulk insert."""
    LocalGroup.objects.bulk_create(
        [
            LocalGroup(
                slug=f"{group_slug(country, city)}-{n}",
                name=f"{city} group {n}",
                country=country,
                city=city,
                contact_email="",
            )
            for n in range(2, scale + 1)
            for country, city in GROUPS_2012
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
