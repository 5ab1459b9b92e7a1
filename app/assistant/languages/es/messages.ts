import type { MessageKey } from "../en/messages";

/* Las respuestas del motor integrado en español (ICU MessageFormat, ver en/messages.ts). */
export const MESSAGES: Record<MessageKey, string> = {
  greeting:
    "¡Hola! Soy el asistente de {shop}. Puedo ayudarte con pedidos, envíos, devoluciones y a encontrar productos.",
  thanks: "¡De nada! ¿Puedo ayudarte en algo más?",
  goodbye: "Gracias por tu visita. ¡Hasta pronto!",
  identity:
    "Soy el asistente virtual de {shop}, un programa automático, no una persona. Puedo ayudarte con pedidos, envíos, devoluciones y a encontrar productos, y puedo pedir a una persona de la tienda que se una cuando quieras.",
  handoffComplaint: "Lo siento mucho. He pedido a una persona de la tienda que lo revise; te responderá aquí.",
  handoffMisunderstood:
    "Perdona, no te entiendo. He pedido a una persona de la tienda que te ayude; te responderá aquí.",
  handoffRequested: "Por supuesto. He pedido a una persona de la tienda que se una; te responderá aquí.",
  outOfScope:
    "No puedo ayudarte con eso. Respondo preguntas sobre pedidos, envíos, devoluciones y productos, o te pongo en contacto con una persona.",
  privacy:
    "Puedes impedir que usemos tu navegación para recomendaciones con «No usar mis datos» en el menú de este chat. Para obtener una copia de tus datos o que se borren, pregunta a la tienda; una persona puede ayudarte.",
  policiesSilent:
    "Las políticas y las preguntas frecuentes de la tienda no dicen nada sobre {topics}. ¿Quieres que se lo pregunte a una persona?",
  contactAt: "Puedes contactar con {shop} en {email}.",
  notInPolicy: "No he encontrado eso en la página «{policy}» de la tienda. ¿Quieres que se lo pregunte a una persona?",
  notInPolicies:
    "No he encontrado eso en las políticas ni en las preguntas frecuentes de la tienda. ¿Quieres que se lo pregunte a una persona?",
  aboutProduct: "Sobre {product}: ",
  untranslated: "(Texto de la tienda, sin traducir al español.)",
  searchFound: "Esto es lo que he encontrado{filters}:",
  searchMore: "Aquí tienes más opciones{filters}:",
  priceFrom: "{count, plural, one {Cuesta {price}} other {Los precios empiezan en {price}}}{filters}:",
  cheapest: "El más barato{filters} es {product}, a {price}:",
  notSold: "Lo siento, {shop} no vende «{what}».",
  notSoldClosest: "Lo siento, {shop} no vende «{what}». Lo más parecido que tenemos está en: {kinds}.",
  notSoldWeSell: "Lo siento, {shop} no vende «{what}». Vendemos: {kinds}.",
  nothingInStock:
    "Ahora mismo no he encontrado nada en stock{filters}. Prueba con otras palabras o pídeme recomendaciones.",
  nothingElseInStock: "Ahora mismo no he encontrado nada más en stock{filters}.",
  recommendLead: "Quizá te gusten estos{audience}:",
  noRecommendation: "Ahora mismo no tengo una recomendación que encaje. Dime qué buscas y lo busco en la tienda.",
  suggestShow: "Muéstrame: {kind}",
  suggestMore: "Muéstrame más",
  suggestSimilar: "Muéstrame productos parecidos",
  bestsellersLead: "Estos son nuestros más vendidos con stock:",
  suggestCheaper: "Más barato",
  askOrderNumber:
    "Puedo consultarlo. ¿Cuál es tu número de pedido? Empieza por # y aparece en tu correo de confirmación.",
  askOrderEmail: "Para proteger tu pedido, ¿qué correo electrónico usaste para el pedido n.º {number}?",
  noOrdersYet: "Todavía no veo ningún pedido en tu cuenta. Si compraste como invitado, dime el número de pedido.",
  orderNotFound: "No he encontrado ningún pedido con ese número y ese correo. Comprueba ambos e inténtalo de nuevo.",
  orderStopTrying:
    "Sigo sin encontrar un pedido con esos datos, así que lo dejo aquí. Una persona de la tienda puede ayudarte a encontrarlo.",
  soldOut: "{product} está agotado por ahora.",
  inStock: "{product} está en stock.",
  inStockFew: "{product} está en stock, {count, plural, one {solo queda #} other {solo quedan #}}.",
  costs:
    "{product} cuesta {from, select, yes {desde } other {}}{price}{was, select, none {} other {, rebajado de {was}}} y está {available, select, yes {en stock} other {agotado por ahora}}.",
  suggestPerson: "Hablar con una persona",
  suggestOrder: "¿Dónde está mi pedido?",
  suggestReturns: "¿Cuál es vuestra política de devoluciones?",
  suggestBestsellers: "Muéstrame los más vendidos",
};

/** Question words and verbs of asking, which say nothing of a question's topic. */
export const QUESTION_WORDS = [
  "cómo",
  "como",
  "cuándo",
  "cuando",
  "dónde",
  "donde",
  "qué",
  "que",
  "cuál",
  "cual",
  "cuánto",
  "cuanto",
  "cuánta",
  "por",
  "porqué",
  "puedo",
  "puede",
  "podéis",
  "pueden",
  "podría",
  "quiero",
  "quisiera",
  "saber",
  "decir",
  "gracias",
  "hay",
];
