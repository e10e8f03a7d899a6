/**
 * Texts of the notifications the hub sends (e-mail, Telegram), in kk (default), ru and en, in the
 * shape of shared/server-texts.ts: "label: value", no case ending attached to a filled-in value.
 * Legal notices (received, extended, redirected) say what the APPK requires them to say: the due
 * date, the reason and new date, the body it went to and why.
 */
import type { Lang } from './i18n-text';

const TEXTS = {
  'question.raised.subject': {
    kk: 'Жаңа сұрақ: {item}',
    ru: 'Новый вопрос: {item}',
    en: 'New question: {item}',
  },
  'question.raised.body': {
    kk: 'Органға жаңа сұрақ келіп түсті. Жауап беру мерзімі (ӘРПК 64-бабының 3-тармағы, 76-бабының 1-тармағы): {dueOn}.',
    ru: 'В орган поступил новый вопрос. Срок ответа (п. 3 ст. 64, п. 1 ст. 76 АППК): {dueOn}.',
    en: 'A new question has arrived for the body. Answer due (APPK art. 64(3), art. 76(1)): {dueOn}.',
  },
  'question.received.subject': {
    kk: 'Сұрағыңыз тіркелді: {item}',
    ru: 'Ваш вопрос принят: {item}',
    en: 'Your question was received: {item}',
  },
  'question.received.body': {
    kk: 'Сұрағыңыз тіркелді, тіркелген күні: {registeredOn}. Жауап беру мерзімі (ӘРПК 64-бабының 3-тармағы, 76-бабының 1-тармағы): {dueOn}. Орган: {body}.',
    ru: 'Ваш вопрос зарегистрирован, дата регистрации: {registeredOn}. Срок ответа (п. 3 ст. 64, п. 1 ст. 76 АППК): {dueOn}. Орган: {body}.',
    en: 'Your question was registered on {registeredOn}. Answer due (APPK art. 64(3), art. 76(1)): {dueOn}. Body: {body}.',
  },
  'question.extended.subject': {
    kk: 'Жауап беру мерзімі ұзартылды: {item}',
    ru: 'Срок ответа продлён: {item}',
    en: 'Answer term extended: {item}',
  },
  'question.extended.body': {
    kk: 'Орган жауап беру мерзімін ұзартты (ӘРПК 76-бабының 2-тармағы). Жаңа мерзім: {newDueOn}. Себебі: {reason}',
    ru: 'Орган продлил срок ответа (п. 2 ст. 76 АППК). Новый срок: {newDueOn}. Причина: {reason}',
    en: 'The body extended the answer term (APPK art. 76(2)). New due date: {newDueOn}. Reason: {reason}',
  },
  'question.redirected.subject': {
    kk: 'Сұрақ құзыреті бойынша жолданды: {item}',
    ru: 'Вопрос перенаправлен по компетенции: {item}',
    en: 'Question redirected: {item}',
  },
  'question.redirected.body': {
    kk: 'Сұрағыңыз басқа органға жолданды (ӘРПК 65-бабының 1-тармағы). Орган: {toBody}. Себебі: {reason}. Жаңа мерзім: {dueOn}.',
    ru: 'Ваш вопрос перенаправлен в другой орган (п. 1 ст. 65 АППК). Орган: {toBody}. Причина: {reason}. Новый срок: {dueOn}.',
    en: 'Your question was redirected to another body (APPK art. 65(1)). Body: {toBody}. Reason: {reason}. New due date: {dueOn}.',
  },
  'question.redirected-in.subject': {
    kk: 'Құзыреті бойынша жолданған сұрақ: {item}',
    ru: 'Вопрос, перенаправленный по компетенции: {item}',
    en: 'Question redirected to your body: {item}',
  },
  'question.redirected-in.body': {
    kk: 'Сұрақ сіздің органыңызға құзыреті бойынша жолданды. Жауап беру мерзімі (ӘРПК 65-бабының 1-тармағы, 76-бабының 1-тармағы): {dueOn}.',
    ru: 'Вопрос перенаправлен в ваш орган по компетенции. Срок ответа (п. 1 ст. 65, п. 1 ст. 76 АППК): {dueOn}.',
    en: 'A question was redirected to your body. Answer due (APPK art. 65(1), art. 76(1)): {dueOn}.',
  },
  'question.answered.subject': {
    kk: 'Орган жауап берді: {item}',
    ru: 'Орган ответил: {item}',
    en: 'The body answered: {item}',
  },
  'question.answered.body': {
    kk: 'Сұраққа жауап берілді. Орган: {body}.',
    ru: 'На вопрос дан ответ. Орган: {body}.',
    en: 'The question has been answered. Body: {body}.',
  },
  'question.reopened.subject': {
    kk: 'Сұрақ қайта ашылды: {item}',
    ru: 'Вопрос открыт повторно: {item}',
    en: 'Question reopened: {item}',
  },
  'question.reopened.body': {
    kk: 'Сұрақ авторы жауапқа келіспеді. Жаңа мерзім: {dueOn}.',
    ru: 'Автор вопроса не согласен с ответом. Новый срок: {dueOn}.',
    en: 'The asker disputed the answer. New due date: {dueOn}.',
  },
  'question.due-soon.subject': {
    kk: 'Жауап беру мерзімі таяу: {item}',
    ru: 'Срок ответа истекает: {item}',
    en: 'Answer due soon: {item}',
  },
  'question.due-soon.body': {
    kk: 'Сұраққа жауап беру мерзіміне 3 жұмыс күні немесе одан аз қалды. Мерзімі: {dueOn}. Орган: {body}.',
    ru: 'До срока ответа на вопрос осталось не больше 3 рабочих дней. Срок: {dueOn}. Орган: {body}.',
    en: 'The answer to the question is due in 3 working days or less. Due date: {dueOn}. Body: {body}.',
  },
  'question.overdue.subject': {
    kk: 'Жауап беру мерзімі өтті: {item}',
    ru: 'Срок ответа истёк: {item}',
    en: 'Answer overdue: {item}',
  },
  'question.overdue.body': {
    kk: 'Сұраққа жауап мерзімінде берілмеді. Мерзімі: {dueOn}. Орган: {body}. ӘРПК 91-бабының 2-тармағы бойынша мерзімінде берілмеген жауап бас тарту деп саналады.',
    ru: 'Ответ на вопрос не дан в срок. Срок: {dueOn}. Орган: {body}. По п. 2 ст. 91 АППК молчание после срока считается отказом.',
    en: 'The question was not answered in time. Due date: {dueOn}. Body: {body}. Under APPK art. 91(2) silence past the deadline counts as a refusal.',
  },
  'session.agenda-published.subject': {
    kk: 'Клуб отырысының күн тәртібі жарияланды: {session}',
    ru: 'Опубликована повестка заседания клуба: {session}',
    en: 'Club session agenda published: {session}',
  },
  'session.agenda-published.body': {
    kk: 'Сіз жазылған нысан клуб отырысының күн тәртібіне енгізілді. Отырыс: {session}. Басталуы: {startsAt}.',
    ru: 'Объект, на который вы подписаны, включён в повестку заседания клуба. Заседание: {session}. Начало: {startsAt}.',
    en: 'An item you follow is on the agenda of a club session. Session: {session}. Starts: {startsAt}.',
  },
  'session.agenda-changed.subject': {
    kk: 'Клуб отырысының күн тәртібі өзгерді: {session}',
    ru: 'Повестка заседания клуба изменена: {session}',
    en: 'Club session agenda changed: {session}',
  },
  'session.agenda-changed.body': {
    kk: 'Сіз жазылған нысан енгізілген күн тәртібінің жаңа нұсқасы жарияланды. Отырыс: {session}. Басталуы: {startsAt}.',
    ru: 'Опубликована новая версия повестки с объектом, на который вы подписаны. Заседание: {session}. Начало: {startsAt}.',
    en: 'A new version of an agenda with an item you follow was published. Session: {session}. Starts: {startsAt}.',
  },
  'session.invited.subject': {
    kk: 'Клуб отырысына шақыру: {session}',
    ru: 'Приглашение на заседание клуба: {session}',
    en: 'Invitation to a club session: {session}',
  },
  'session.invited.body': {
    kk: '{body} клуб отырысына шақырылады: {session}. Басталуы: {startsAt}. Сілтеме бойынша жауап беріңіз: қатысасыз, орынбасарды жібересіз немесе себебін көрсетіп бас тартасыз.',
    ru: '{body} приглашается на заседание клуба: {session}. Начало: {startsAt}. Ответьте по ссылке: придёте, направите заместителя или откажетесь с указанием причины.',
    en: '{body} is invited to a club session: {session}. Starts: {startsAt}. Answer at the link: attend, send a deputy, or decline with a reason.',
  },
  'session.invitation-reminder.subject': {
    kk: 'Ертең клуб отырысы: {session}',
    ru: 'Завтра заседание клуба: {session}',
    en: 'Club session tomorrow: {session}',
  },
  'session.invitation-reminder.body': {
    kk: 'Еске саламыз: {body} шақырылған клуб отырысы ертең өтеді. Отырыс: {session}. Басталуы: {startsAt}.',
    ru: 'Напоминаем: заседание клуба, на которое приглашён {body}, состоится завтра. Заседание: {session}. Начало: {startsAt}.',
    en: 'Reminder: the club session {body} is invited to is tomorrow. Session: {session}. Starts: {startsAt}.',
  },
  'session.cancelled.subject': {
    kk: 'Клуб отырысы өтпейді: {session}',
    ru: 'Заседание клуба отменено: {session}',
    en: 'Club session cancelled: {session}',
  },
  'session.cancelled.body': {
    kk: '{body} шақырылған клуб отырысы өтпейді. Отырыс: {session}. Себебі: {reason}',
    ru: 'Заседание клуба, на которое приглашён {body}, отменено. Заседание: {session}. Причина: {reason}',
    en: 'The club session {body} was invited to is cancelled. Session: {session}. Reason: {reason}',
  },
  'session.rescheduled.subject': {
    kk: 'Клуб отырысының уақыты өзгерді: {session}',
    ru: 'Заседание клуба перенесено: {session}',
    en: 'Club session moved: {session}',
  },
  'session.rescheduled.body': {
    kk: '{body} шақырылған клуб отырысының уақыты өзгерді. Отырыс: {session}. Жаңа уақыты: {startsAt}.',
    ru: 'Заседание клуба, на которое приглашён {body}, перенесено. Заседание: {session}. Новое время: {startsAt}.',
    en: 'The club session {body} is invited to has moved. Session: {session}. New start: {startsAt}.',
  },
  'contact.verify.subject': {
    kk: 'Электрондық поштаңызды растаңыз',
    ru: 'Подтвердите адрес электронной почты',
    en: 'Confirm your e-mail address',
  },
  'contact.verify.body': {
    kk: 'Осы мекенжайға хабарламалар алу үшін сілтемені ашыңыз.',
    ru: 'Чтобы получать уведомления на этот адрес, откройте ссылку.',
    en: 'Open the link to receive notifications at this address.',
  },
  // A body's shared mailbox (functions/services/body-contacts.ts): the link that verifies it.
  'body-contact.verify.subject': {
    kk: 'Органның ортақ поштасын растаңыз: {body}',
    ru: 'Подтвердите общий почтовый ящик органа: {body}',
    en: 'Confirm the shared mailbox of {body}',
  },
  'body-contact.verify.body': {
    kk: 'Бұл мекенжай органның ортақ поштасы ретінде көрсетілді: {body}. Органға жолданған сұрақтар туралы хабарламалар осында келуі үшін сілтемені ашып, растаңыз.',
    ru: 'Этот адрес указан как общий почтовый ящик органа: {body}. Чтобы сюда приходили уведомления о вопросах, направленных органу, откройте ссылку и подтвердите.',
    en: 'This address was given as the shared mailbox of {body}. Open the link and confirm it to receive notifications of the questions addressed to the body.',
  },
  // Digests (daily, weekly, or what a day's cap held back): a count as "label: value".
  'digest.daily.subject': {
    kk: 'Күнделікті жинақ. Хабарламалар саны: {count}',
    ru: 'Сводка за день. Уведомлений: {count}',
    en: 'Daily digest. Notifications: {count}',
  },
  'digest.weekly.subject': {
    kk: 'Апталық жинақ. Хабарламалар саны: {count}',
    ru: 'Сводка за неделю. Уведомлений: {count}',
    en: 'Weekly digest. Notifications: {count}',
  },
  'digest.intro': {
    kk: 'Сіз бақылап отырған нысандар бойынша жаңалықтар:',
    ru: 'Новое по тому, за чем вы следите:',
    en: 'What is new on what you follow:',
  },
  'digest.all': { kk: 'Барлық хабарламалар', ru: 'Все уведомления', en: 'All notifications' },
  'footer.open': { kk: 'Ашу', ru: 'Открыть', en: 'Open' },
  'footer.unsubscribe': { kk: 'Жазылымнан бас тарту', ru: 'Отписаться', en: 'Unsubscribe' },
  'footer.legal': {
    kk: 'Бұл хабарлама клубқа қатысушы органның атынан ӘРПК талабы бойынша жіберілді; одан бас тартуға болмайды.',
    ru: 'Это уведомление отправлено от имени органа-участника клуба по требованию АППК; от него нельзя отписаться.',
    en: 'This notice is sent on behalf of a body taking part in the club, as the APPK requires; it cannot be unsubscribed from.',
  },
  'footer.notRegistered': {
    kk: 'Мұндағы сұрақ e-Өтініш жүйесінде тіркелмейінше, ӘРПК бойынша тіркелген жолданым болып саналмайды.',
    ru: 'Вопрос здесь сам по себе не является зарегистрированным обращением по АППК, пока его не зарегистрируют в e-Өтініш.',
    en: 'A question here is not by itself a registered appeal under the APPK until the body registers it in eOtinish.',
  },
  // Moderator and admin events: the staff hear what needs them, a person hears what
  // changed about their own account. "label: value", as above.
  'moderation.flagged.subject': {
    kk: 'Жаңа шағым: модерация кезегінде',
    ru: 'Новая жалоба: в очереди модерации',
    en: 'New flag: in the moderation queue',
  },
  'moderation.flagged.body': {
    kk: 'Жарияланған мазмұнға шағым түсті. Себебі: {moderationReason}.',
    ru: 'На опубликованное содержание поступила жалоба. Причина: {moderationReason}.',
    en: 'Published content was flagged. Reason: {moderationReason}.',
  },
  'moderation.auto-hidden.subject': {
    kk: 'Шағымдар бойынша жасырылды: тексеру керек',
    ru: 'Скрыто по жалобам: нужна проверка',
    en: 'Hidden after flags: needs review',
  },
  'moderation.auto-hidden.body': {
    kk: 'Мазмұн әртүрлі пайдаланушылардың шағымдары бойынша тексеруге дейін автоматты түрде жасырылды. Шағымдар саны: {flags}. Соңғы себебі: {moderationReason}.',
    ru: 'Содержание автоматически скрыто до проверки по жалобам разных пользователей. Жалоб: {flags}. Последняя причина: {moderationReason}.',
    en: 'Content was hidden pending review after flags from different users. Flags: {flags}. Last reason: {moderationReason}.',
  },
  'moderation.blocked.subject': {
    kk: 'Аккаунтыңызда жаңа жазбалар жасауға шектеу қойылды',
    ru: 'Для вашей учётной записи ограничено создание записей',
    en: 'Your account can no longer post',
  },
  'moderation.blocked.body': {
    kk: 'Модератор сізге пікір, сұрақ және басқа жазбалар жасауға шектеу қойды. Себебі: {reason}. Шектеу мерзімі: {until}.',
    ru: 'Модератор ограничил для вас создание комментариев, вопросов и других записей. Причина: {reason}. Срок ограничения: {until}.',
    en: 'A moderator stopped you from posting comments, questions and other entries. Reason: {reason}. Ends: {until}.',
  },
  'moderation.unblocked.subject': {
    kk: 'Шектеу алынды',
    ru: 'Ограничение снято',
    en: 'Restriction lifted',
  },
  'moderation.unblocked.body': {
    kk: 'Сіз қайтадан пікір, сұрақ және басқа жазбалар жасай аласыз. Себебі: {reason}.',
    ru: 'Вы снова можете создавать комментарии, вопросы и другие записи. Причина: {reason}.',
    en: 'You can post comments, questions and other entries again. Reason: {reason}.',
  },
  'grant.role.grant.subject': {
    kk: 'Сізге жаңа рөл берілді',
    ru: 'Вам назначена новая роль',
    en: 'You were given a new role',
  },
  'grant.role.grant.body': {
    kk: 'Жүйе әкімшісі сізге рөл берді. Рөл: {role}.',
    ru: 'Администратор системы назначил вам роль. Роль: {role}.',
    en: 'A system administrator gave you a role. Role: {role}.',
  },
  'grant.role.revoke.subject': {
    kk: 'Рөліңіз алынды',
    ru: 'Ваша роль снята',
    en: 'A role was taken from you',
  },
  'grant.role.revoke.body': {
    kk: 'Жүйе әкімшісі рөліңізді алды. Рөл: {role}.',
    ru: 'Администратор системы снял с вас роль. Роль: {role}.',
    en: 'A system administrator took a role from you. Role: {role}.',
  },
  'grant.body.bind.subject': {
    kk: 'Сіз органға тіркелдіңіз',
    ru: 'Вы привязаны к органу',
    en: 'You were added to a body',
  },
  'grant.body.bind.body': {
    kk: 'Жүйе әкімшісі сізді органға тіркеді: енді оның сұрақтарына жауап бере аласыз. Орган: {body}.',
    ru: 'Администратор системы привязал вас к органу: теперь вы можете отвечать на его вопросы. Орган: {body}.',
    en: 'A system administrator added you to a body: you can now answer its questions. Body: {body}.',
  },
  'grant.body.unbind.subject': {
    kk: 'Сіз органнан ажыратылдыңыз',
    ru: 'Вы отвязаны от органа',
    en: 'You were removed from a body',
  },
  'grant.body.unbind.body': {
    kk: 'Жүйе әкімшісі сізді органнан ажыратты. Орган: {body}.',
    ru: 'Администратор системы отвязал вас от органа. Орган: {body}.',
    en: 'A system administrator removed you from a body. Body: {body}.',
  },
  'data-run.failed.subject': {
    kk: 'Деректерді жаңарту сәтсіз аяқталды: {run}',
    ru: 'Обновление данных не удалось: {run}',
    en: 'Data update failed: {run}',
  },
  'data-run.failed.body': {
    kk: 'Деректерді жаңарту тоқтады; соңғы сәтті жаңарту күні өзгерген жоқ. Түрі: {run}. Себебі: {reason}',
    ru: 'Обновление данных остановилось; дата последнего успешного обновления не изменилась. Вид: {run}. Причина: {reason}',
    en: 'A data update stopped; the date of the last good update is unchanged. Kind: {run}. Reason: {reason}',
  },
  'body-mailbox.failing.subject': {
    kk: 'Органның ортақ поштасына хат жетпеді: {body}',
    ru: 'Письмо в общий почтовый ящик органа не доставлено: {body}',
    en: "Mail to the body's shared mailbox failed: {body}",
  },
  'body-mailbox.failing.body': {
    kk: 'Органның ортақ поштасы хатты қабылдамады: сұрақтар туралы хабарламалар органға жетпеуі мүмкін. Орган: {body}. Себебі: {reason}',
    ru: 'Общий почтовый ящик органа не принял письмо: уведомления о вопросах могут не доходить до органа. Орган: {body}. Причина: {reason}',
    en: "The body's shared mailbox refused a message: notices of questions may not reach the body. Body: {body}. Reason: {reason}",
  },
  'role.citizen': { kk: 'Азамат', ru: 'Гражданин', en: 'Citizen' },
  'role.club_member': { kk: 'Клуб мүшесі', ru: 'Член клуба', en: 'Club member' },
  'role.club_secretary': { kk: 'Клуб хатшысы', ru: 'Секретарь клуба', en: 'Club secretary' },
  'role.official': { kk: 'Лауазымды тұлға', ru: 'Должностное лицо', en: 'Official' },
  'role.moderator': { kk: 'Модератор', ru: 'Модератор', en: 'Moderator' },
  'role.admin': { kk: 'Жүйе әкімшісі', ru: 'Администратор', en: 'Administrator' },
  'run.import': { kk: 'файлдан импорт', ru: 'импорт из файла', en: 'file import' },
  'run.goszakup-sync': {
    kk: 'Мемлекеттік сатып алу порталымен синхрондау',
    ru: 'синхронизация с порталом государственных закупок',
    en: 'goszakup.gov.kz sync',
  },
  'reason.spam': { kk: 'спам', ru: 'спам', en: 'spam' },
  'reason.abuse': { kk: 'қорлау', ru: 'оскорбления', en: 'abuse' },
  'reason.personal_data': { kk: 'жеке деректер', ru: 'персональные данные', en: 'personal data' },
  'reason.off_topic': { kk: 'тақырыпқа қатысы жоқ', ru: 'не по теме', en: 'off topic' },
  'reason.illegal': { kk: 'заңсыз мазмұн', ru: 'незаконное содержание', en: 'illegal content' },
  'reason.other': { kk: 'басқа себеп', ru: 'другая причина', en: 'other reason' },
  noEnd: { kk: 'мерзімсіз', ru: 'бессрочно', en: 'no end date' },
  // the club's members, followers of items, the bodies' recommendations, the
  // subscribers of an area, body or contractor, and admins. "label: value", as above.
  'club.agenda-published.subject': {
    kk: 'Клуб отырысының күн тәртібі жарияланды: {session}',
    ru: 'Опубликована повестка заседания клуба: {session}',
    en: 'Club session agenda published: {session}',
  },
  'club.agenda-published.body': {
    kk: 'Клуб отырысының күн тәртібі жарияланды. Отырыс: {session}. Басталуы: {startsAt}.',
    ru: 'Опубликована повестка заседания клуба. Заседание: {session}. Начало: {startsAt}.',
    en: 'The agenda of a club session was published. Session: {session}. Starts: {startsAt}.',
  },
  'club.agenda-changed.subject': {
    kk: 'Клуб отырысының күн тәртібі өзгерді: {session}',
    ru: 'Повестка заседания клуба изменена: {session}',
    en: 'Club session agenda changed: {session}',
  },
  'club.agenda-changed.body': {
    kk: 'Клуб отырысы күн тәртібінің жаңа нұсқасы жарияланды. Отырыс: {session}. Басталуы: {startsAt}.',
    ru: 'Опубликована новая версия повестки заседания клуба. Заседание: {session}. Начало: {startsAt}.',
    en: 'A new version of a club session agenda was published. Session: {session}. Starts: {startsAt}.',
  },
  'club.minutes-published.subject': {
    kk: 'Клуб отырысының хаттамасы жарияланды: {session}',
    ru: 'Опубликован протокол заседания клуба: {session}',
    en: 'Club session minutes published: {session}',
  },
  'club.minutes-published.body': {
    kk: 'Клуб отырысының хаттамасы жарияланды: шешімдер мен ұсыныстар сілтемеде. Отырыс: {session}.',
    ru: 'Опубликован протокол заседания клуба: решения и рекомендации по ссылке. Заседание: {session}.',
    en: 'The minutes of a club session were published: decisions and recommendations are at the link. Session: {session}.',
  },
  'club.minutes-corrected.subject': {
    kk: 'Клуб отырысының хаттамасы түзетілді: {session}',
    ru: 'Протокол заседания клуба исправлен: {session}',
    en: 'Club session minutes corrected: {session}',
  },
  'club.minutes-corrected.body': {
    kk: 'Клуб отырысы хаттамасының түзетілген нұсқасы жарияланды. Отырыс: {session}. Түзету себебі: {reason}',
    ru: 'Опубликована исправленная версия протокола заседания клуба. Заседание: {session}. Причина исправления: {reason}',
    en: 'A corrected version of the minutes of a club session was published. Session: {session}. Reason for the correction: {reason}',
  },
  'followed.minutes-published.subject': {
    kk: 'Клуб отырысының хаттамасы жарияланды: {session}',
    ru: 'Опубликован протокол заседания клуба: {session}',
    en: 'Club session minutes published: {session}',
  },
  'followed.minutes-published.body': {
    kk: 'Сіз жазылған нысан талқыланған клуб отырысының хаттамасы жарияланды. Отырыс: {session}.',
    ru: 'Опубликован протокол заседания клуба, где обсуждался объект, на который вы подписаны. Заседание: {session}.',
    en: 'The minutes of a club session that discussed an item you follow were published. Session: {session}.',
  },
  'followed.minutes-corrected.subject': {
    kk: 'Клуб отырысының хаттамасы түзетілді: {session}',
    ru: 'Протокол заседания клуба исправлен: {session}',
    en: 'Club session minutes corrected: {session}',
  },
  'followed.minutes-corrected.body': {
    kk: 'Сіз жазылған нысан талқыланған клуб отырысы хаттамасының түзетілген нұсқасы жарияланды. Отырыс: {session}. Түзету себебі: {reason}',
    ru: 'Исправлен протокол заседания клуба, где обсуждался объект, на который вы подписаны. Заседание: {session}. Причина исправления: {reason}',
    en: 'The minutes of a club session that discussed an item you follow were corrected. Session: {session}. Reason for the correction: {reason}',
  },
  'item.status-changed.subject': {
    kk: 'Нысанның мәртебесі өзгерді: {item}',
    ru: 'Изменился статус объекта: {item}',
    en: 'Item status changed: {item}',
  },
  'item.status-changed.body': {
    kk: 'Сіз жазылған нысанның мәртебесі өзгерді. Бұрынғы мәртебесі: {statusBefore}. Жаңа мәртебесі: {statusAfter}.',
    ru: 'Изменился статус объекта, на который вы подписаны. Прежний статус: {statusBefore}. Новый статус: {statusAfter}.',
    en: 'The status of an item you follow changed. Was: {statusBefore}. Now: {statusAfter}.',
  },
  'item.spent-changed.subject': {
    kk: 'Нысан бойынша игерілген сома өзгерді: {item}',
    ru: 'Изменилась освоенная сумма по объекту: {item}',
    en: 'Amount spent changed: {item}',
  },
  'item.spent-changed.body': {
    kk: 'Сіз жазылған нысан бойынша төлем тіркелді. Бұрын игерілгені, теңге: {spentBefore}. Қазір игерілгені, теңге: {spentAfter}.',
    ru: 'По объекту, на который вы подписаны, записан платёж. Было освоено, тенге: {spentBefore}. Освоено сейчас, тенге: {spentAfter}.',
    en: 'A payment was recorded on an item you follow. Spent before, tenge: {spentBefore}. Spent now, tenge: {spentAfter}.',
  },
  'item.commented.subject': {
    kk: 'Жаңа пікір: {item}',
    ru: 'Новый комментарий: {item}',
    en: 'New comment: {item}',
  },
  'item.commented.body': {
    kk: 'Сіз жазылған нысан бойынша жаңа пікір жазылды.',
    ru: 'К объекту, на который вы подписаны, добавлен комментарий.',
    en: 'A comment was posted on an item you follow.',
  },
  'recommendation.due-soon.subject': {
    kk: 'Клуб ұсынысын орындау мерзімі таяу: {item}',
    ru: 'Срок исполнения рекомендации клуба истекает: {item}',
    en: 'Club recommendation due soon: {item}',
  },
  'recommendation.due-soon.body': {
    kk: 'Органға жолданған клуб ұсынысын орындау мерзіміне 3 жұмыс күні немесе одан аз қалды. Мерзімі: {dueOn}. Орган: {body}.',
    ru: 'До срока исполнения рекомендации клуба, адресованной органу, осталось не больше 3 рабочих дней. Срок: {dueOn}. Орган: {body}.',
    en: 'A club recommendation addressed to the body is due in 3 working days or less. Due date: {dueOn}. Body: {body}.',
  },
  'recommendation.overdue.subject': {
    kk: 'Клуб ұсынысын орындау мерзімі өтті: {item}',
    ru: 'Срок исполнения рекомендации клуба истёк: {item}',
    en: 'Club recommendation overdue: {item}',
  },
  'recommendation.overdue.body': {
    kk: 'Органға жолданған клуб ұсынысы мерзімінде орындалмады. Мерзімі: {dueOn}. Орган: {body}.',
    ru: 'Рекомендация клуба, адресованная органу, не исполнена в срок. Срок: {dueOn}. Орган: {body}.',
    en: 'A club recommendation addressed to the body was not carried out in time. Due date: {dueOn}. Body: {body}.',
  },
  'status.planned': { kk: 'жоспарланған', ru: 'запланирован', en: 'planned' },
  'status.procurement': { kk: 'сатып алу кезеңінде', ru: 'на стадии закупок', en: 'procurement' },
  'status.in_progress': { kk: 'орындалуда', ru: 'выполняется', en: 'in progress' },
  'status.completed': { kk: 'аяқталған', ru: 'завершён', en: 'completed' },
  'status.suspended': { kk: 'уақытша тоқтатылған', ru: 'приостановлен', en: 'suspended' },
  'status.cancelled': { kk: 'бас тартылған', ru: 'отменён', en: 'cancelled' },
  // New items in a followed area, body or contractor (one line per import batch), new
  // integrity flags, the dead-letter queue.
  'item.created.area.subject': {
    kk: 'Жазылған аумақта жаңа нысандар: {place}',
    ru: 'Новые объекты на территории, на которую вы подписаны: {place}',
    en: 'New items in an area you follow: {place}',
  },
  'item.created.area.body': {
    kk: 'Сіз жазылған аумақта жаңа нысандар жарияланды. Аумақ: {place}. Жаңа нысандар саны: {count}. Солардың бірі: {item}.',
    ru: 'На территории, на которую вы подписаны, опубликованы новые объекты. Территория: {place}. Новых объектов: {count}. Один из них: {item}.',
    en: 'New items were published in an area you follow. Area: {place}. New items: {count}. One of them: {item}.',
  },
  'item.created.body.subject': {
    kk: 'Жазылған органда жаңа нысандар: {place}',
    ru: 'Новые объекты органа, на который вы подписаны: {place}',
    en: 'New items of a body you follow: {place}',
  },
  'item.created.body.body': {
    kk: 'Сіз жазылған органның жаңа нысандары жарияланды. Орган: {place}. Жаңа нысандар саны: {count}. Солардың бірі: {item}.',
    ru: 'Опубликованы новые объекты органа, на который вы подписаны. Орган: {place}. Новых объектов: {count}. Один из них: {item}.',
    en: 'New items of a body you follow were published. Body: {place}. New items: {count}. One of them: {item}.',
  },
  'item.created.contractor.subject': {
    kk: 'Жазылған мердігердің жаңа нысандары: {place}',
    ru: 'Новые объекты подрядчика, на которого вы подписаны: {place}',
    en: 'New items of a contractor you follow: {place}',
  },
  'item.created.contractor.body': {
    kk: 'Сіз жазылған мердігердің жаңа нысандары жарияланды. Мердігер: {place}. Жаңа нысандар саны: {count}. Солардың бірі: {item}.',
    ru: 'Опубликованы новые объекты подрядчика, на которого вы подписаны. Подрядчик: {place}. Новых объектов: {count}. Один из них: {item}.',
    en: 'New items of a contractor you follow were published. Contractor: {place}. New items: {count}. One of them: {item}.',
  },
  'item.flagged.subject': {
    kk: 'Нысанда жаңа тәуекел белгісі: {item}',
    ru: 'Новый признак риска у объекта: {item}',
    en: 'New risk flag on an item: {item}',
  },
  'item.flagged.body': {
    kk: 'Сіз жазылған нысанда жаңа тәуекел белгісі пайда болды. Белгілер: {flagTitles}. Белгі — тексеруге себеп, заң бұзушылықтың дәлелі емес.',
    ru: 'У объекта, на который вы подписаны, появился новый признак риска. Признаки: {flagTitles}. Признак — повод проверить, а не доказательство нарушения.',
    en: 'An item you follow has a new risk flag. Flags: {flagTitles}. A flag is a reason to look closer, not proof of wrongdoing.',
  },
  'item.flagged-in.subject': {
    kk: 'Жазылғаныңыз бойынша нысанда жаңа тәуекел белгісі: {item}',
    ru: 'Новый признак риска у объекта в вашей подписке: {item}',
    en: 'New risk flag on an item in what you follow: {item}',
  },
  'item.flagged-in.body': {
    kk: 'Сіз жазылған аумақтың, органның немесе мердігердің нысанында жаңа тәуекел белгісі пайда болды. Белгілер: {flagTitles}. Белгі — тексеруге себеп, заң бұзушылықтың дәлелі емес.',
    ru: 'У объекта территории, органа или подрядчика, на которые вы подписаны, появился новый признак риска. Признаки: {flagTitles}. Признак — повод проверить, а не доказательство нарушения.',
    en: 'An item of an area, body or contractor you follow has a new risk flag. Flags: {flagTitles}. A flag is a reason to look closer, not proof of wrongdoing.',
  },
  'ops.dlq-nonempty.subject': {
    kk: 'Хабарламалар жіберілмей тұр: {depth}',
    ru: 'Уведомления не отправлены: {depth}',
    en: 'Notifications not sent: {depth}',
  },
  'ops.dlq-nonempty.body': {
    kk: 'Бірнеше әрекеттен кейін жіберілмеген хабарламалар бар (өлі хаттар кезегі). Саны: {depth}. Жіберушінің журналын қараңыз; кезек бос болғанша бұл ескерту сағат сайын бір реттен артық келмейді.',
    ru: 'Есть уведомления, не отправленные после нескольких попыток (очередь недоставленных). Количество: {depth}. Проверьте журнал отправителя; пока очередь не пуста, это предупреждение приходит не чаще раза в час.',
    en: 'Some notifications could not be sent after several attempts (the dead-letter queue). Count: {depth}. Check the sender log; while the queue is not empty this warning comes at most once an hour.',
  },
} as const satisfies Record<string, Record<Lang, string>>;
export type NotifyTextKey = keyof typeof TEXTS;
/** Every text's key, for the tests that read all of them (functions/services/server-language.test.ts). */
// A function, not a constant: a module-level Object.keys call would keep every text in bundles that
// never send one (esbuild cannot drop a call it does not know to be pure).
export function notifyTextKeys(): NotifyTextKey[] {
  return Object.keys(TEXTS) as NotifyTextKey[];
}

export function notifyText(key: NotifyTextKey, lang: Lang, values: Record<string, string | number> = {}) {
  return TEXTS[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => String(values[name] ?? m));
}

export function hasNotifyText(key: string): key is NotifyTextKey {
  return key in TEXTS;
}
