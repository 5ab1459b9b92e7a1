import type { MessageKey } from "../en/messages";

/* Les réponses du moteur intégré en français (ICU MessageFormat, voir en/messages.ts). */
export const MESSAGES: Record<MessageKey, string> = {
  greeting:
    "Bonjour ! Je suis l’assistant de {shop}. Je peux vous aider pour vos commandes, la livraison, les retours et pour trouver un produit.",
  thanks: "Avec plaisir ! Puis-je vous aider pour autre chose ?",
  goodbye: "Merci de votre visite. Au revoir !",
  identity:
    "Je suis l’assistant virtuel de {shop} : un programme automatique, pas une personne. Je peux vous aider pour vos commandes, la livraison, les retours et pour trouver un produit, et je peux demander à une personne de la boutique de nous rejoindre quand vous le souhaitez.",
  handoffComplaint:
    "Je suis désolé. J’ai demandé à une personne de la boutique de s’en occuper ; elle vous répondra ici.",
  handoffMisunderstood:
    "Désolé, je ne comprends pas. J’ai demandé à une personne de la boutique de vous aider ; elle vous répondra ici.",
  handoffRequested: "Bien sûr. J’ai demandé à une personne de la boutique de nous rejoindre ; elle vous répondra ici.",
  outOfScope:
    "Je ne peux pas vous aider sur ce point. Je réponds aux questions sur les commandes, la livraison, les retours et les produits, ou je vous mets en relation avec une personne.",
  privacy:
    "Vous pouvez nous empêcher d’utiliser votre navigation pour les recommandations avec « Ne pas utiliser mes données » dans le menu de ce chat. Pour obtenir une copie de vos données ou les faire supprimer, adressez-vous à la boutique ; une personne peut vous aider.",
  policiesSilent:
    "Les conditions et la FAQ de la boutique ne disent rien sur {topics}. Voulez-vous que je demande à une personne ?",
  contactAt: "Vous pouvez joindre {shop} à l’adresse {email}.",
  notInPolicy:
    "Je n’ai pas trouvé cela dans la page « {policy} » de la boutique. Voulez-vous que je demande à une personne ?",
  notInPolicies:
    "Je n’ai pas trouvé cela dans les conditions ni dans la FAQ de la boutique. Voulez-vous que je demande à une personne ?",
  aboutProduct: "À propos de {product} : ",
  untranslated: "(Texte de la boutique, non traduit en français.)",
  searchFound: "Voici ce que j’ai trouvé{filters} :",
  searchMore: "Voici d’autres idées{filters} :",
  priceFrom: "{count, plural, one {Il coûte {price}} other {Les prix commencent à {price}}}{filters} :",
  cheapest: "Le moins cher{filters} est {product}, à {price} :",
  notSold: "Désolé, {shop} ne vend pas « {what} ».",
  notSoldClosest: "Désolé, {shop} ne vend pas « {what} ». Le plus proche que nous ayons se trouve dans : {kinds}.",
  notSoldWeSell: "Désolé, {shop} ne vend pas « {what} ». Nous vendons : {kinds}.",
  nothingInStock:
    "Je n’ai rien trouvé en stock{filters} pour le moment. Essayez d’autres mots, ou demandez-moi des recommandations.",
  nothingElseInStock: "Je n’ai rien trouvé d’autre en stock{filters} pour le moment.",
  recommendLead: "Ces produits pourraient vous plaire{audience} :",
  noRecommendation:
    "Je n’ai pas de recommandation qui convienne pour le moment. Dites-moi ce que vous cherchez et je cherche dans la boutique.",
  suggestShow: "Montrez-moi : {kind}",
  suggestMore: "Montrez-m’en plus",
  suggestSimilar: "Montrez-moi des produits similaires",
  bestsellersLead: "Voici nos meilleures ventes disponibles en stock :",
  suggestCheaper: "Moins cher",
  askOrderNumber:
    "Je peux vérifier. Quel est votre numéro de commande ? Il commence par # et figure dans votre e-mail de confirmation.",
  askOrderEmail:
    "Pour protéger votre commande, quelle adresse e-mail avez-vous utilisée pour la commande n° {number} ?",
  noOrdersYet:
    "Je ne vois encore aucune commande sur votre compte. Si vous avez commandé sans compte, donnez-moi le numéro de commande.",
  orderNotFound:
    "Je n’ai trouvé aucune commande avec ce numéro et cette adresse e-mail. Vérifiez les deux et réessayez.",
  orderStopTrying:
    "Je ne trouve toujours pas de commande avec ces informations, je m’arrête donc ici. Une personne de la boutique peut vous aider à la retrouver.",
  soldOut: "{product} est épuisé pour le moment.",
  inStock: "{product} est en stock.",
  inStockFew:
    "{product} est en stock, {count, plural, one {il n’en reste plus que #} other {il n’en reste plus que #}}.",
  costs:
    "{product} coûte {from, select, yes {à partir de } other {}}{price}{was, select, none {} other {, au lieu de {was}}} et est {available, select, yes {en stock} other {épuisé pour le moment}}.",
  suggestPerson: "Parler à une personne",
  suggestOrder: "Où en est ma commande ?",
  suggestReturns: "Quelle est votre politique de retour ?",
  suggestBestsellers: "Montrez-moi les meilleures ventes",
};

/** Question words and verbs of asking, which say nothing of a question's topic. */
export const QUESTION_WORDS = [
  "comment",
  "combien",
  "quand",
  "quel",
  "quelle",
  "quels",
  "quelles",
  "pourquoi",
  "où",
  "est-ce",
  "puis",
  "peux",
  "pouvez",
  "peut",
  "pourrais",
  "pourriez",
  "voudrais",
  "aimerais",
  "savoir",
  "dire",
  "faire",
  "merci",
];
