/**
 * The default reply templates, written for this product from docs/labels.md: short sentences,
 * common words (grade 7 or below, checked by defaults.test.ts), one action per sentence, nothing
 * stated that the message or the settings do not hold (what only the clinician knows is a
 * [[placeholder]]). Greeting and sign-off are added by the engine (compose.ts).
 */
import { TemplateSchema, type Template, type TemplateInput } from './template-schema';

const RAW: TemplateInput[] = [
  // ------------------------------------------------------------------ safety (emergency only)
  {
    id: 'safety-911',
    name: 'Emergency: call 911',
    description: 'Possible emergency (chest pain, stroke signs, severe breathing trouble, overdose…): call 911 now.',
    category: 'any',
    urgencies: ['emergency'],
    kind: 'safety',
    safety: '911',
    shortcut: '/911',
    intents: ['I have chest pressure going into my arm and I am sweating.', 'My face is drooping and my speech is slurred.'],
    text: {
      en: {
        brief: 'What you describe could be an emergency. Please call 911 now. Do not drive yourself. I am trying to reach you by phone now.',
        warm: 'Thank you for writing. What you describe could be an emergency, and I want you to be safe. Please call 911 now. Do not drive yourself. If someone is with you, ask them to stay with you. I am trying to reach you by phone now.',
      },
      es: {
        brief: 'Lo que describe puede ser una emergencia. Llame al 911 ahora. No maneje usted. Estoy tratando de llamarle ahora.',
        warm: 'Gracias por escribir. Lo que describe puede ser una emergencia y quiero que esté a salvo. Llame al 911 ahora. No maneje usted. Si alguien está con usted, pídale que se quede a su lado. Estoy tratando de llamarle ahora.',
      },
    },
  },
  {
    id: 'safety-ed',
    name: 'Emergency: go to the emergency room',
    description: 'Needs to be seen now but may get there safely (infant fever, pregnancy concerns…): go to the ED, or call 911.',
    category: 'any',
    urgencies: ['emergency'],
    kind: 'safety',
    safety: 'ed',
    shortcut: '/er',
    intents: ['My 6 week old baby has a fever of 100.8.', 'I am pregnant and bleeding a lot.'],
    text: {
      en: {
        brief: 'This needs to be checked right away. Please go to the nearest emergency room now. If you cannot get there safely, call 911. I am trying to reach you by phone now.',
        warm: 'Thank you for letting me know. This needs to be checked right away. Please go to the nearest emergency room now. If you cannot get there safely, or you feel worse, call 911. I am trying to reach you by phone now.',
      },
      es: {
        brief: 'Esto se debe revisar de inmediato. Vaya a la sala de emergencias más cercana ahora. Si no puede llegar a salvo, llame al 911. Estoy tratando de llamarle ahora.',
        warm: 'Gracias por avisarme. Esto se debe revisar de inmediato. Vaya a la sala de emergencias más cercana ahora. Si no puede llegar a salvo, o se siente peor, llame al 911. Estoy tratando de llamarle ahora.',
      },
    },
  },
  {
    id: 'safety-988',
    name: 'Crisis: call or text 988',
    description: 'Thoughts of suicide or self-harm: call or text 988 now; 911 if in danger.',
    category: 'any',
    urgencies: ['emergency'],
    kind: 'safety',
    safety: '988',
    shortcut: '/988',
    intents: ['I have been thinking about ending my life.', 'I do not want to be here anymore and I have pills saved up.'],
    text: {
      en: {
        brief: 'I am worried about your safety. Please call or text 988 now to talk with someone right away. If you might act on these thoughts, or you are in danger, call 911. I am trying to reach you by phone now.',
        warm: 'Thank you for telling me. I am glad you reached out, and I am worried about your safety. Please call or text 988 now. They can help right away, day or night. If you might act on these thoughts, or you are in danger, call 911. I am trying to reach you by phone now.',
      },
      es: {
        brief: 'Me preocupa su seguridad. Llame o mande un texto al 988 ahora para hablar con alguien. Hay ayuda en español. Si cree que puede hacerse daño, o está en peligro, llame al 911. Estoy tratando de llamarle ahora.',
        warm: 'Gracias por decírmelo. Me alegra que nos escribiera, y me preocupa su seguridad. Llame o mande un texto al 988 ahora. Le ayudan de día o de noche, y hay ayuda en español. Si cree que puede hacerse daño, o está en peligro, llame al 911. Estoy tratando de llamarle ahora.',
      },
    },
  },
  // ------------------------------------------------------------------ medication
  {
    id: 'med-refill-sent',
    name: 'Refill sent to the pharmacy',
    category: 'medication',
    urgencies: ['routine', 'urgent'],
    shortcut: '/refill',
    keywords: ['refill', 'refil', 'rx', 'prescription', 'script', 'renew', 'ran out', 'out of', 'resurtido', 'receta', 'supply'],
    intents: ['Can you refill my lisinopril? I have a few pills left.', 'Please send a new prescription to my pharmacy, I am almost out.', 'Necesito resurtido de mi medicina.'],
    text: {
      en: {
        brief: 'I sent a refill of {medication} to your pharmacy. Please call the pharmacy before you go to make sure it is ready.',
        warm: 'Thank you for the reminder. I sent a refill of {medication} to your pharmacy. Please call the pharmacy before you go to make sure it is ready. Let us know if there is any problem.',
      },
      es: {
        brief: 'Envié el resurtido de {medication} a su farmacia. Llame a la farmacia antes de ir para saber si ya está listo.',
        warm: 'Gracias por avisarnos. Envié el resurtido de {medication} a su farmacia. Llame a la farmacia antes de ir para saber si ya está listo. Avísenos si hay algún problema.',
      },
    },
  },
  {
    id: 'med-refill-visit',
    name: 'Refill needs a visit',
    category: 'medication',
    urgencies: ['routine'],
    shortcut: '/refillvisit',
    keywords: ['refill', 'refil', 'rx', 'prescription', 'renew', 'resurtido', 'receta'],
    intents: ['Can you refill my medicine? I have not been in for a while.', 'Please renew my prescription for another year.'],
    text: {
      en: {
        brief: 'Before I can refill {medicationName} again, I need to see you for a visit. Please call us at {clinicPhone} to book a time. [[Say if you sent a short supply to last until the visit, or remove this line]]',
        warm: 'Thank you for your message. Before I can refill {medicationName} again, I need to see you for a visit. This helps me make sure it is still right for you. Please call us at {clinicPhone} to book a time. [[Say if you sent a short supply to last until the visit, or remove this line]]',
      },
      es: {
        brief: 'Antes de resurtir {medicationName} otra vez, necesito verle en una cita. Llame al {clinicPhone} para hacer la cita. [[Diga si envió una cantidad corta hasta la cita, o borre esta línea]]',
        warm: 'Gracias por su mensaje. Antes de resurtir {medicationName} otra vez, necesito verle en una cita. Así sé si todavía es lo mejor para usted. Llame al {clinicPhone} para hacer la cita. [[Diga si envió una cantidad corta hasta la cita, o borre esta línea]]',
      },
    },
  },
  {
    id: 'med-question',
    name: 'Medication question',
    category: 'medication',
    urgencies: ['routine', 'urgent'],
    shortcut: '/medq',
    keywords: ['side effect', 'dose', 'take', 'switch', 'safe', 'generic', 'cheaper', 'interaction', 'efecto'],
    intents: ['Is it safe to take this with my other pills?', 'This medicine upsets my stomach, can I switch?', 'Should I take it before or after food?'],
    text: {
      en: {
        brief: 'Thank you for your question about {medicationName}. [[Your advice]] If you have new or worse side effects, please call us at {clinicPhone}.',
        warm: 'Thank you for your question about {medicationName}. I am glad you asked. [[Your advice]] If you have new or worse side effects, please call us at {clinicPhone}. We are happy to help.',
      },
      es: {
        brief: 'Gracias por su pregunta sobre {medicationName}. [[Su consejo]] Si tiene efectos nuevos o peores, llámenos al {clinicPhone}.',
        warm: 'Gracias por su pregunta sobre {medicationName}. Me alegra que pregunte. [[Su consejo]] Si tiene efectos nuevos o peores, llámenos al {clinicPhone}. Con gusto le ayudamos.',
      },
    },
  },
  {
    id: 'med-prior-auth',
    name: 'Prior authorization started',
    category: 'medication',
    urgencies: ['routine', 'urgent'],
    shortcut: '/pa',
    keywords: ['prior auth', 'prior authorization', 'denied', 'insurance', 'autorización', 'PA'],
    intents: ['My pharmacy says insurance needs a prior authorization.', 'The insurance denied my medicine.'],
    text: {
      en: {
        brief: 'Our staff will start the prior authorization for {medicationName} with your insurance. This can take a few days. We will message you when we hear back.',
        warm: 'Thank you for letting us know. Our staff will start the prior authorization for {medicationName} with your insurance. This can take a few days. We will message you when we hear back. Please call us at {clinicPhone} if you run low before then.',
      },
      es: {
        brief: 'Nuestro equipo va a pedir la autorización de {medicationName} a su seguro. Esto puede tardar unos días. Le avisaremos cuando tengamos respuesta.',
        warm: 'Gracias por avisarnos. Nuestro equipo va a pedir la autorización de {medicationName} a su seguro. Esto puede tardar unos días. Le avisaremos cuando tengamos respuesta. Llámenos al {clinicPhone} si se le acaba antes.',
      },
    },
  },
  // ------------------------------------------------------------------ results
  {
    id: 'results-normal',
    name: 'Results normal',
    category: 'results',
    urgencies: ['routine'],
    shortcut: '/normal',
    keywords: ['results', 'result', 'labs', 'test', 'normal', 'resultados'],
    intents: ['Are my lab results okay?', 'I saw my results in the portal, is everything normal?'],
    text: {
      en: {
        brief: 'I looked at your {test} results. They are normal. No change to your care is needed.',
        warm: 'Thank you for asking about your results. I looked at your {test} results, and they are normal. This is good news. No change to your care is needed. Please let me know if you have other questions.',
      },
      es: {
        brief: 'Revisé sus resultados de {test}. Están normales. No hace falta ningún cambio.',
        warm: 'Gracias por preguntar por sus resultados. Revisé sus resultados de {test} y están normales. Es una buena noticia. No hace falta ningún cambio. Avíseme si tiene otras preguntas.',
      },
    },
  },
  {
    id: 'results-talk',
    name: 'Results: let’s talk',
    category: 'results',
    urgencies: ['routine', 'urgent'],
    shortcut: '/talk',
    keywords: ['results', 'flagged', 'high', 'low', 'abnormal', 'critical', 'worried', 'resultados'],
    intents: ['My result was flagged high, should I worry?', 'The imaging center wants more pictures, what does that mean?'],
    text: {
      en: {
        brief: 'I looked at your {test} results. I would like to talk with you about them. Please call us at {clinicPhone} to set up a time. We can talk by phone or video.',
        warm: 'Thank you for asking about your results. I looked at your {test} results, and I would like to talk with you about them. Please call us at {clinicPhone} to set up a time. We can talk by phone or video, whichever is easier for you.',
      },
      es: {
        brief: 'Revisé sus resultados de {test}. Me gustaría hablar con usted sobre ellos. Llámenos al {clinicPhone} para hacer una cita. Podemos hablar por teléfono o video.',
        warm: 'Gracias por preguntar por sus resultados. Revisé sus resultados de {test} y me gustaría hablar con usted sobre ellos. Llámenos al {clinicPhone} para hacer una cita. Podemos hablar por teléfono o video, como le sea más fácil.',
      },
    },
  },
  {
    id: 'results-explain',
    name: 'Results: explain',
    category: 'results',
    urgencies: ['routine', 'urgent'],
    shortcut: '/results',
    keywords: ['what does', 'mean', 'results', 'report', 'qué significa', 'resultados'],
    intents: ['What does this result mean?', 'Can you explain my report in plain English?'],
    text: {
      en: {
        brief: 'Thank you for your question about your {test} results. [[Your explanation]] Please let me know if you have other questions.',
        warm: 'Thank you for your question about your {test} results. It is good to ask. [[Your explanation]] Please let me know if you have other questions. I am happy to talk more at your next visit.',
      },
      es: {
        brief: 'Gracias por su pregunta sobre sus resultados de {test}. [[Su explicación]] Avíseme si tiene otras preguntas.',
        warm: 'Gracias por su pregunta sobre sus resultados de {test}. Es bueno preguntar. [[Su explicación]] Avíseme si tiene otras preguntas. Con gusto hablamos más en su próxima cita.',
      },
    },
  },
  // ------------------------------------------------------------------ scheduling
  {
    id: 'sched-book',
    name: 'Scheduling: call the front desk',
    category: 'scheduling',
    urgencies: ['routine'],
    shortcut: '/book',
    keywords: ['appointment', 'appt', 'schedule', 'reschedule', 'cancel', 'book', 'visit', 'cita'],
    intents: ['I need to move my appointment next week.', 'Can I book a visit for my yearly checkup?', 'Necesito cambiar mi cita.'],
    text: {
      en: {
        brief: 'Thank you for your message. Please call us at {clinicPhone} to book, move or cancel a visit. Our front desk will find a time that works for you.',
        warm: 'Thank you for reaching out. Please call us at {clinicPhone} to book, move or cancel a visit. Our front desk will be glad to find a time that works for you.',
      },
      es: {
        brief: 'Gracias por su mensaje. Llámenos al {clinicPhone} para hacer, cambiar o cancelar una cita. En recepción le darán una hora que le sirva.',
        warm: 'Gracias por escribirnos. Llámenos al {clinicPhone} para hacer, cambiar o cancelar una cita. En recepción con gusto le darán una hora que le sirva.',
      },
    },
  },
  {
    id: 'sched-date',
    name: 'Scheduling: request for a date',
    category: 'scheduling',
    urgencies: ['routine'],
    shortcut: '/date',
    keywords: ['on monday', 'on tuesday', 'on wednesday', 'on thursday', 'on friday', 'this week', 'next week'],
    intents: ['Can I come in on Tuesday afternoon?', 'Is there any opening on March 3?'],
    text: {
      en: {
        brief: 'We have your request for a visit on {date}. Our front desk will call you to set the time.',
        warm: 'Thank you for your message. We have your request for a visit on {date}. Our front desk will call you soon to set the time.',
      },
      es: {
        brief: 'Recibimos su pedido de una cita el {date}. En recepción le llamarán para darle la hora.',
        warm: 'Gracias por su mensaje. Recibimos su pedido de una cita el {date}. En recepción le llamarán pronto para darle la hora.',
      },
    },
  },
  {
    id: 'sched-referral',
    name: 'Referral sent',
    category: 'scheduling',
    urgencies: ['routine'],
    shortcut: '/referral',
    keywords: ['referral', 'specialist', 'refer', 'dermatologist', 'cardiologist', 'trial', 'especialista'],
    intents: ['Can you refer me to a specialist?', 'I need a referral to see a skin doctor.'],
    text: {
      en: {
        brief: 'I sent a referral to [[specialist or clinic]]. They will call you to set up a visit. If you do not hear from them in a week, please call us at {clinicPhone}.',
        warm: 'Thank you for asking. I sent a referral to [[specialist or clinic]]. They will call you to set up a visit. If you do not hear from them in a week, please call us at {clinicPhone}, and we will help.',
      },
      es: {
        brief: 'Envié una referencia a [[especialista o clínica]]. Le llamarán para hacer la cita. Si no le llaman en una semana, llámenos al {clinicPhone}.',
        warm: 'Gracias por preguntar. Envié una referencia a [[especialista o clínica]]. Le llamarán para hacer la cita. Si no le llaman en una semana, llámenos al {clinicPhone} y le ayudamos.',
      },
    },
  },
  // ------------------------------------------------------------------ administrative
  {
    id: 'admin-forms',
    name: 'Form or letter received',
    category: 'administrative',
    urgencies: ['routine'],
    shortcut: '/forms',
    keywords: ['form', 'forms', 'letter', 'note', 'paperwork', 'fmla', 'disability', 'placard', 'carta', 'formulario'],
    intents: ['I need my FMLA paperwork filled out.', 'Can you write a note for my work?', 'Necesito una carta para mi trabajo.'],
    text: {
      en: {
        brief: 'We got your request for the {form} form. I will fill it out, and our staff will let you know when it is ready. This can take up to [[number]] business days.',
        warm: 'Thank you for sending this. We got your request for the {form} form. I will fill it out, and our staff will let you know when it is ready. This can take up to [[number]] business days. Please call us at {clinicPhone} if it is due sooner.',
      },
      es: {
        brief: 'Recibimos su pedido del formulario de {form}. Lo voy a llenar y le avisaremos cuando esté listo. Esto puede tardar hasta [[número]] días hábiles.',
        warm: 'Gracias por enviarlo. Recibimos su pedido del formulario de {form}. Lo voy a llenar y le avisaremos cuando esté listo. Esto puede tardar hasta [[número]] días hábiles. Llámenos al {clinicPhone} si lo necesita antes.',
      },
    },
  },
  {
    id: 'admin-billing',
    name: 'Billing question sent to the office',
    category: 'administrative',
    urgencies: ['routine'],
    shortcut: '/billing',
    keywords: ['bill', 'billing', 'charge', 'charged', 'balance', 'payment', 'statement', 'fee', 'copay', 'cobro', 'factura', 'cuenta'],
    intents: ['Why was I charged this fee?', 'Can I set up a payment plan for my balance?'],
    text: {
      en: {
        brief: 'Thank you for your message. I sent your billing question to our office staff. They will contact you. You can also call them at {clinicPhone}.',
        warm: 'Thank you for your message. I know bills can be stressful. I sent your billing question to our office staff, and they will contact you. You can also call them at {clinicPhone}.',
      },
      es: {
        brief: 'Gracias por su mensaje. Envié su pregunta sobre el cobro a nuestra oficina. Ellos le van a contactar. También puede llamar al {clinicPhone}.',
        warm: 'Gracias por su mensaje. Sé que las cuentas pueden preocupar. Envié su pregunta sobre el cobro a nuestra oficina y ellos le van a contactar. También puede llamar al {clinicPhone}.',
      },
    },
  },
  {
    id: 'admin-office',
    name: 'Request sent to the office',
    description: 'Records, portal, address, hours and other office requests.',
    category: 'administrative',
    urgencies: ['routine'],
    shortcut: '/office',
    keywords: ['records', 'portal', 'password', 'account', 'address', 'hours', 'proxy', 'access', 'app', 'expediente'],
    intents: ['Please send my records to my new doctor.', 'I cannot log in to the portal.', 'Are you open on Saturday?'],
    text: {
      en: {
        brief: 'Thank you for your message. I sent your request to our office staff. They will contact you. You can also call us at {clinicPhone}.',
        warm: 'Thank you for your message. I sent your request to our office staff, and they will contact you soon. You can also call us at {clinicPhone}. We are happy to help.',
      },
      es: {
        brief: 'Gracias por su mensaje. Envié su pedido a nuestra oficina. Ellos le van a contactar. También puede llamarnos al {clinicPhone}.',
        warm: 'Gracias por su mensaje. Envié su pedido a nuestra oficina y ellos le van a contactar pronto. También puede llamarnos al {clinicPhone}. Con gusto le ayudamos.',
      },
    },
  },
  // ------------------------------------------------------------------ symptoms
  {
    id: 'symptom-same-day',
    name: 'Symptom: be seen today',
    category: 'symptom',
    urgencies: ['urgent'],
    shortcut: '/today',
    keywords: ['fever', 'worse', 'swelling', 'pain', 'red', 'pus', 'burning', 'fiebre', 'dolor'],
    intents: ['My wound is red and swollen and there is pus.', 'I have a fever of 102 and it burns when I pee.'],
    text: {
      en: {
        brief: 'Thank you for letting me know. I want you to be seen today. Please call us at {clinicPhone} now so we can find a time. If you get worse, call 911 or go to the emergency room.',
        warm: 'Thank you for letting me know. I am sorry you feel this way. I want you to be seen today. Please call us at {clinicPhone} now so we can find a time. If you get worse, call 911 or go to the emergency room.',
      },
      es: {
        brief: 'Gracias por avisarme. Quiero que le vean hoy. Llámenos al {clinicPhone} ahora para darle una hora. Si se siente peor, llame al 911 o vaya a la sala de emergencias.',
        warm: 'Gracias por avisarme. Siento que se sienta así. Quiero que le vean hoy. Llámenos al {clinicPhone} ahora para darle una hora. Si se siente peor, llame al 911 o vaya a la sala de emergencias.',
      },
    },
  },
  {
    id: 'symptom-visit',
    name: 'Symptom: book a visit',
    category: 'symptom',
    urgencies: ['routine', 'urgent'],
    shortcut: '/visit',
    keywords: ['still', 'weeks', 'months', 'ongoing', 'keeps', 'again', 'todavía'],
    intents: ['My knee has hurt for a few weeks.', 'I keep getting headaches in the afternoon.'],
    text: {
      en: {
        brief: 'Thank you for the update. I would like to see you to look into this. Please call us at {clinicPhone} to book a visit. If it gets worse before then, call us right away.',
        warm: 'Thank you for the update. I am sorry this is still bothering you. I would like to see you to look into this. Please call us at {clinicPhone} to book a visit. If it gets worse before then, call us right away.',
      },
      es: {
        brief: 'Gracias por avisarme. Me gustaría verle para revisar esto. Llámenos al {clinicPhone} para hacer una cita. Si se siente peor antes, llámenos de inmediato.',
        warm: 'Gracias por avisarme. Siento que esto todavía le moleste. Me gustaría verle para revisar esto. Llámenos al {clinicPhone} para hacer una cita. Si se siente peor antes, llámenos de inmediato.',
      },
    },
  },
  {
    id: 'symptom-advice',
    name: 'Symptom: advice and when to call',
    category: 'symptom',
    urgencies: ['routine'],
    shortcut: '/advice',
    keywords: ['cold', 'cough', 'better', 'mild', 'question', 'should i', 'resfriado', 'tos'],
    intents: ['I have a mild cold, what can I take?', 'My cough is getting better, should I still come in?'],
    text: {
      en: {
        brief: 'Thank you for your message. [[Your advice]] If you are not better in [[number]] days, or if you get worse, please call us at {clinicPhone}.',
        warm: 'Thank you for your message. I am sorry you are not feeling well. [[Your advice]] If you are not better in [[number]] days, or if you get worse, please call us at {clinicPhone}.',
      },
      es: {
        brief: 'Gracias por su mensaje. [[Su consejo]] Si no mejora en [[número]] días, o si se siente peor, llámenos al {clinicPhone}.',
        warm: 'Gracias por su mensaje. Siento que no se sienta bien. [[Su consejo]] Si no mejora en [[número]] días, o si se siente peor, llámenos al {clinicPhone}.',
      },
    },
  },
  {
    id: 'mental-health-support',
    name: 'Mood or anxiety: let’s talk today',
    category: 'symptom',
    urgencies: ['urgent', 'routine'],
    shortcut: '/mood',
    keywords: ['depressed', 'depression', 'anxiety', 'anxious', 'panic', 'mood', 'hopeless', 'deprimido', 'deprimida', 'ansiedad'],
    intents: ['I have been feeling very down and I cannot get out of bed.', 'My anxiety is much worse and I am not sleeping.'],
    text: {
      en: {
        brief: 'Thank you for telling me how you feel. I want to help. Please call us at {clinicPhone} today so we can talk. If you have thoughts of harming yourself, call or text 988, or call 911.',
        warm: 'Thank you for telling me how you feel. That takes courage, and I want to help. Please call us at {clinicPhone} today so we can talk. If you have thoughts of harming yourself, call or text 988, or call 911. You do not have to go through this alone.',
      },
      es: {
        brief: 'Gracias por contarme cómo se siente. Quiero ayudarle. Llámenos al {clinicPhone} hoy para hablar. Si piensa en hacerse daño, llame o mande un texto al 988, o llame al 911.',
        warm: 'Gracias por contarme cómo se siente. Sé que no es fácil y quiero ayudarle. Llámenos al {clinicPhone} hoy para hablar. Si piensa en hacerse daño, llame o mande un texto al 988, o llame al 911. No está solo en esto.',
      },
    },
  },
  // ------------------------------------------------------------------ acknowledgement (only when asked)
  {
    id: 'ack-thanks',
    name: 'Thanks for the update',
    category: 'acknowledgement',
    urgencies: ['routine'],
    shortcut: '/thanks',
    keywords: ['thanks', 'thank you', 'fyi', 'got it', 'gracias'],
    intents: ['Thank you so much for your help!', 'Just letting you know I am feeling better.'],
    text: {
      en: { brief: 'Thank you for the update. Please reach out if anything changes.', warm: 'Thank you for the update. It is good to hear from you. Please reach out any time if anything changes.' },
      es: { brief: 'Gracias por avisarnos. Escríbanos si algo cambia.', warm: 'Gracias por avisarnos. Nos alegra saber de usted. Escríbanos cuando quiera si algo cambia.' },
    },
  },
  // ------------------------------------------------------------------ any
  {
    id: 'general-reply',
    name: 'General reply',
    description: 'A frame for any message: your reply in the middle.',
    category: 'any',
    urgencies: ['routine', 'urgent'],
    shortcut: '/reply',
    intents: [],
    text: {
      en: { brief: 'Thank you for your message. [[Your reply]]', warm: 'Thank you for your message. [[Your reply]] Please let me know if you have other questions.' },
      es: { brief: 'Gracias por su mensaje. [[Su respuesta]]', warm: 'Gracias por su mensaje. [[Su respuesta]] Avíseme si tiene otras preguntas.' },
    },
  },
];

export const DEFAULT_TEMPLATES: readonly Template[] = RAW.map((t) => TemplateSchema.parse({ ...t, source: 'default' }));

/** Red flags for which the emergency room (not an ambulance) is the first advice. Others: 911. */
export const ED_FIRST_RULES = new Set([
  'infant-fever', 'infant-unwell', 'infant-not-feeding', 'told-to-go-er', 'eye-chemical', 'testicular-torsion', 'ectopic',
  'pregnancy-bleeding', 'pregnancy-severe-pain', 'fetal-movement', 'water-broke', 'labor-signs', 'preeclampsia-signs',
  'dka', 'fever-stiff-neck', 'head-injury', 'black-stool', 'coffee-ground-vomit', 'rectal-bleeding-heavy', 'jaundice',
  'sepsis-signs', 'critical-result', 'urinary-retention', 'dehydration', 'petechial-rash',
]);
/** Red flags for which 988 (crisis line) comes first. */
export const CRISIS_RULES = new Set(['suicidal-plan', 'suicidal-ideation', 'self-harm']);
