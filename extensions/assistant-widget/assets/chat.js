// Storefront assistant chat UI, loaded by loader.js the first time a shopper reaches for
// the launcher. Plain ES2019, no framework, no build step: this file is what ships.
//
// Safety rules this file keeps: every text a shopper, merchant or model wrote goes in
// with textContent (never as HTML); links are only made to the shop's own origin; images
// only from https or the shop; behaviour events only when Shopify's Customer Privacy API
// allows analytics and the shopper has not chosen "Don't use my data".
(function () {
  "use strict";
  if (window.__storefrontAssistant) return;

  var config, s, launcher, ui;
  var state = {
    open: false,
    visitorToken: null,
    conversationId: null,
    status: "open",
    handoff: null,
    trackingOff: false,
    lastSeq: 0,
    restoring: false,
    seen: {},
    answered: false,
    greeted: false,
    rated: false,
    busy: false,
    cart: null,
    session: null,
    pollTimer: 0,
    // The merchant's choice (privacy page): without it, behaviour needs the Customer Privacy API's yes.
    requireConsent: true,
  };

  // ---- Small helpers -------------------------------------------------------------------

  function stored(key) {
    try {
      return localStorage.getItem("sa:" + key);
    } catch {
      return null;
    }
  }

  function store(key, value) {
    try {
      if (value === null || value === undefined) localStorage.removeItem("sa:" + key);
      else localStorage.setItem("sa:" + key, value);
    } catch {
      // Storage blocked: the chat still works for this page.
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(className, text, label, onClick) {
    var node = el("button", className, text);
    node.type = "button";
    if (label) node.setAttribute("aria-label", label);
    node.addEventListener("click", onClick);
    return node;
  }

  function randomKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  /** A URL on the shop's own origin (or relative to it), else null. */
  function ownUrl(url) {
    if (!url) return null;
    try {
      var parsed = new URL(url, location.href);
      return parsed.origin === location.origin && /^https?:$/.test(parsed.protocol) ? parsed.href : null;
    } catch {
      return null;
    }
  }

  function imageUrl(url) {
    if (!url) return null;
    try {
      var parsed = new URL(url, location.href);
      return parsed.protocol === "https:" || parsed.origin === location.origin ? parsed.href : null;
    } catch {
      return null;
    }
  }

  function money(value) {
    if (!value) return "";
    try {
      return new Intl.NumberFormat(config.locale || undefined, {
        style: "currency",
        currency: value.currencyCode,
      }).format(Number(value.amount));
    } catch {
      return value.amount + " " + value.currencyCode;
    }
  }

  function analyticsAllowed() {
    var privacy = window.Shopify && window.Shopify.customerPrivacy;
    // A storefront without the Customer Privacy API asks nobody: allowed only if the merchant
    // does not require consent. Where the API exists, its answer (a refusal too) always decides.
    if (!privacy) return !state.requireConsent;
    try {
      return Boolean(privacy.analyticsProcessingAllowed());
    } catch {
      return false;
    }
  }

  function cartRoot() {
    var routes = window.Shopify && window.Shopify.routes;
    var root = (routes && routes.root) || config.root || "/";
    return root.charAt(root.length - 1) === "/" ? root : root + "/";
  }

  // ---- Network ---------------------------------------------------------------------------

  /** JSON over the app proxy. Rejects with {status, code, message, retryAfter}. */
  function api(method, path, body) {
    return fetch(config.proxy + path, {
      method: method,
      headers: body
        ? { "Content-Type": "application/json", Accept: "application/json" }
        : { Accept: "application/json" },
      body: body ? JSON.stringify(body) : undefined,
      credentials: "same-origin",
      // A card's View link leaves the page: its click event must still arrive.
      keepalive: path === "/events",
    }).then(
      function (response) {
        return response.json().then(
          function (json) {
            if (response.ok) return json;
            var error = (json && json.error) || {};
            return Promise.reject({
              status: response.status,
              code: error.code,
              message: error.message,
              retryAfter: Number(response.headers.get("Retry-After")) || 0,
            });
          },
          function () {
            return Promise.reject({ status: response.status });
          },
        );
      },
      function () {
        return Promise.reject({ status: 0 });
      },
    );
  }

  /** Once more after a second when the network or the server failed; the idempotency key makes it safe. */
  function apiRetrying(method, path, body) {
    return api(method, path, body).catch(function (error) {
      if (error.status !== 0 && error.status < 500) return Promise.reject(error);
      return new Promise(function (resolve) {
        setTimeout(resolve, 1000);
      }).then(function () {
        return api(method, path, body);
      });
    });
  }

  /** What to tell the shopper. The server's messages are English; other locales get ours. */
  function explain(error) {
    if (error.status === 429) return s.rateLimited;
    if (error.status === 413) return s.tooLong;
    if (error.status === 404) return s.expired;
    var english = !config.locale || config.locale.slice(0, 2) === "en";
    return english && error.message && error.status >= 400 && error.status < 500 ? error.message : s.error;
  }

  function cartJson(path, body) {
    return fetch(cartRoot() + path, {
      method: body ? "POST" : "GET",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: body ? JSON.stringify(body) : undefined,
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (json) {
        return response.ok ? json : Promise.reject(json);
      });
    });
  }

  function refreshCart() {
    return cartJson("cart.js").then(
      function (cart) {
        state.cart = {
          productIds: cart.items.map(function (item) {
            return String(item.product_id);
          }),
          itemCount: cart.item_count,
        };
      },
      function () {},
    );
  }

  function track(events) {
    if (!events.length || state.trackingOff || !analyticsAllowed() || !state.visitorToken) return;
    api("POST", "/events", {
      visitorToken: state.visitorToken,
      conversationId: state.conversationId,
      consent: true,
      events: events,
    }).catch(function (error) {
      if (error.status === 403) setTrackingOff(true);
    });
  }

  // ---- Session ---------------------------------------------------------------------------

  // Where the chat is open: the session's greeting and each message's answer depend on it.
  function pageInfo() {
    return { type: config.pageType || "other", productId: config.productId ? String(config.productId) : null };
  }

  function ensureSession() {
    if (state.session) return state.session;
    state.session = api("POST", "/session", {
      visitorToken: stored("v"),
      conversationId: stored("c"),
      locale: config.locale,
      page: pageInfo(),
    }).then(
      function (session) {
        state.visitorToken = session.visitorToken;
        state.conversationId = session.conversation.id;
        store("v", session.visitorToken);
        store("c", session.conversation.id);
        setTrackingOff(session.trackingOff);
        if (session.privacy) {
          state.requireConsent = session.privacy.requireConsent !== false;
          if (session.privacy.disclosure) ui.note.textContent = session.privacy.disclosure;
        }
        if (!state.greeted) {
          state.greeted = true;
          ui.log.insertBefore(addBubble("assistant", session.greeting || s.greeting), ui.log.firstChild);
        }
        // History is not a new showing of its product cards: no impressions for it.
        state.restoring = true;
        session.messages.forEach(addMessage);
        state.restoring = false;
        if (!state.answered) showSuggestions(session.suggestions || [s.suggestion1, s.suggestion2, s.suggestion3]);
        applyConversation(session.conversation);
        sendNotedViews();
        return session;
      },
      function (error) {
        state.session = null;
        return Promise.reject(error);
      },
    );
    return state.session;
  }

  /** The product views loader.js noted with consent, sent now as behaviour events. */
  function sendNotedViews() {
    var noted;
    try {
      noted = JSON.parse(stored("views") || "[]");
    } catch {
      noted = [];
    }
    store("views", null);
    track(
      noted.map(function (view) {
        return { type: "view", productId: String(view[0]), at: view[1] };
      }),
    );
  }

  function setTrackingOff(off) {
    state.trackingOff = Boolean(off);
    store("o", off ? "1" : null);
    if (off) store("views", null);
    if (ui) ui.optOut.setAttribute("aria-checked", String(state.trackingOff));
  }

  // ---- Building the panel ----------------------------------------------------------------

  function build() {
    var root = el("div", "sa-root" + (config.position === "left" ? " sa-left" : ""));
    root.style.setProperty("--sa-accent", config.color);
    root.style.setProperty("--sa-on-accent", config.onColor);
    root.hidden = true;

    var panel = el("div", "sa-panel");
    panel.id = "sa-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "true");
    panel.setAttribute("aria-labelledby", "sa-title");
    panel.setAttribute("aria-describedby", "sa-note");

    var head = el("div", "sa-head");
    var title = el("h2", null, s.title);
    title.id = "sa-title";
    var menuWrap = el("div", "sa-menu-wrap");
    var menuButton = button("sa-icon", "⋯", s.menu, function () {
      toggleMenu(menu.hidden);
    });
    menuButton.setAttribute("aria-haspopup", "menu");
    menuButton.setAttribute("aria-expanded", "false");
    menuButton.setAttribute("aria-controls", "sa-menu");
    var menu = el("div", "sa-menu");
    menu.id = "sa-menu";
    menu.setAttribute("role", "menu");
    menu.setAttribute("aria-label", s.menu);
    menu.hidden = true;
    var optOut = button(null, s.optOut, null, function () {
      toggleMenu(false);
      changeTracking(!state.trackingOff);
    });
    optOut.setAttribute("role", "menuitemcheckbox");
    optOut.setAttribute("aria-checked", String(state.trackingOff));
    menu.appendChild(optOut);
    menuWrap.appendChild(menuButton);
    menuWrap.appendChild(menu);
    var close = button("sa-icon", "×", s.close, hide);
    head.appendChild(title);
    head.appendChild(menuWrap);
    head.appendChild(close);

    var note = el("p", "sa-note", s.disclosure);
    note.id = "sa-note";

    // role="log" is a polite live region: new messages are read out as they arrive.
    var log = el("div", "sa-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-label", s.title);
    log.tabIndex = 0;

    var suggest = el("div", "sa-suggest");
    var handoff = el("div", "sa-box");
    handoff.hidden = true;
    var rating = el("div", "sa-box sa-rating");
    rating.hidden = true;
    var status = el("p", "sa-status");
    status.setAttribute("role", "status");

    var form = el("form", "sa-form");
    var label = el("label", "sa-vh", s.messageLabel);
    label.htmlFor = "sa-input";
    var input = el("textarea");
    input.id = "sa-input";
    input.rows = 2;
    input.maxLength = 1000;
    input.placeholder = s.placeholder;
    input.setAttribute("autocomplete", "off");
    var sendButton = el("button", "sa-button", s.send);
    sendButton.type = "submit";
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(sendButton);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send(input.value);
    });
    // The box grows with what is typed, up to a few lines.
    function fit() {
      input.style.height = "auto";
      input.style.height = Math.min(input.scrollHeight + 2, 120) + "px";
    }
    input.addEventListener("input", fit);
    // Enter sends, Shift+Enter starts a new line.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        send(input.value);
      }
    });

    panel.appendChild(head);
    panel.appendChild(note);
    panel.appendChild(log);
    panel.appendChild(suggest);
    panel.appendChild(handoff);
    panel.appendChild(rating);
    panel.appendChild(status);
    panel.appendChild(form);
    root.appendChild(panel);
    document.body.appendChild(root);

    panel.addEventListener("keydown", function (event) {
      if (event.key === "Tab") return keepFocusInside(event);
      if (event.key !== "Escape") return;
      event.stopPropagation();
      if (!menu.hidden) {
        toggleMenu(false);
        menuButton.focus();
      } else hide();
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Tab") toggleMenu(false);
    });
    document.addEventListener("click", function (event) {
      if (!menu.hidden && !menuWrap.contains(event.target)) toggleMenu(false);
    });

    // Tab and Shift+Tab cycle inside the open panel, as in any modal dialog.
    function keepFocusInside(event) {
      var focusable = Array.prototype.filter.call(
        panel.querySelectorAll("button, a[href], input, select, textarea, [tabindex='0']"),
        function (node) {
          return !node.disabled && node.getClientRects().length > 0;
        },
      );
      var first = focusable[0];
      var last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }

    function toggleMenu(show) {
      menu.hidden = !show;
      menuButton.setAttribute("aria-expanded", String(show));
      if (show) optOut.focus();
    }

    launcher.setAttribute("aria-controls", "sa-panel");
    return {
      root: root,
      log: log,
      suggest: suggest,
      handoff: handoff,
      rating: rating,
      note: note,
      status: status,
      input: input,
      sendButton: sendButton,
      optOut: optOut,
    };
  }

  function say(text) {
    ui.status.textContent = "";
    // A fresh text node after a tick so screen readers announce a repeated message too.
    setTimeout(function () {
      ui.status.textContent = text;
    }, 50);
  }

  // ---- Messages ----------------------------------------------------------------------------

  function addBubble(role, text) {
    var item = el("div", "sa-msg sa-" + role);
    item.appendChild(el("span", "sa-vh", role === "shopper" ? s.you : role === "person" ? s.person : s.assistant));
    if (role === "person") item.firstChild.className = "sa-who";
    item.appendChild(el("p", "sa-bubble", text));
    ui.log.appendChild(item);
    ui.log.scrollTop = ui.log.scrollHeight;
    return item;
  }

  function addMessage(message) {
    if (state.seen[message.id]) return;
    state.seen[message.id] = true;
    state.lastSeq = Math.max(state.lastSeq, message.seq);
    var item = addBubble(message.role, message.text);
    if (message.role !== "assistant") return;
    // Words corrected to the shop's own before searching: say what was searched for.
    if (message.correction && message.correction.corrected)
      item.appendChild(el("p", "sa-note", s.showingResultsFor.replace("[query]", message.correction.corrected)));
    if (message.products && message.products.length) item.appendChild(renderProducts(message.products));
    if (message.order) item.appendChild(renderOrder(message.order));
    if (message.sources && message.sources.length) item.appendChild(renderSources(message.sources));
    item.appendChild(renderThumbs(message));
    state.answered = true;
    showSuggestions(message.suggestions || []);
    showRating();
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function renderProducts(products) {
    var list = el("ul", "sa-cards");
    products.forEach(function (product) {
      var card = el("li", "sa-card");
      var src = imageUrl(product.imageUrl);
      if (src) {
        var img = el("img");
        img.src = src;
        img.alt = product.imageAlt || "";
        img.loading = "lazy";
        img.width = 180;
        img.height = 120;
        card.appendChild(img);
      }
      card.appendChild(el("h3", null, product.title));
      var price = el("p", null, money(product.price));
      if (product.compareAtPrice) {
        price.appendChild(document.createTextNode(" "));
        price.appendChild(el("span", "sa-vh", s.was));
        price.appendChild(el("s", "sa-small", money(product.compareAtPrice)));
      }
      card.appendChild(price);
      if (product.reason && product.reason.text) card.appendChild(el("p", "sa-reason", product.reason.text));

      var variants = product.variants || [];
      var select = null;
      if (variants.length > 1) {
        select = el("select");
        select.setAttribute("aria-label", s.option + ": " + product.title);
        variants.forEach(function (variant) {
          var option = el("option", null, variant.title + " – " + money(variant.price));
          option.value = variant.id;
          option.disabled = !variant.available;
          select.appendChild(option);
        });
        var firstAvailable = variants.filter(function (v) {
          return v.available;
        })[0];
        if (firstAvailable) select.value = firstAvailable.id;
        card.appendChild(select);
      }
      var actions = el("div", "sa-actions");
      var available =
        product.available &&
        variants.some(function (v) {
          return v.available;
        });
      var add = button("sa-button", available ? s.addToCart : s.soldOut, null, function () {
        var variantId = select ? select.value : variants[0].id;
        addToCart(product, variantId, add);
      });
      add.disabled = !available;
      actions.appendChild(add);
      var href = ownUrl(product.url);
      if (href) {
        var view = el("a", null, s.view);
        view.href = href;
        view.addEventListener("click", function () {
          track([{ type: "rec_click", productId: productNumber(product.productId) }]);
        });
        view.setAttribute("aria-label", s.view + ": " + product.title);
        actions.appendChild(view);
      }
      card.appendChild(actions);
      list.appendChild(card);
    });
    if (!state.restoring) {
      track(
        products.map(function (product) {
          return { type: "rec_impression", productId: productNumber(product.productId) };
        }),
      );
    }
    return list;
  }

  /** Ajax Cart API, then a cart attribute naming the conversation so the order can be attributed. */
  function addToCart(product, variantId, add) {
    add.disabled = true;
    cartJson("cart/add.js", { items: [{ id: Number(variantId), quantity: 1 }] })
      .then(function () {
        return cartJson("cart/update.js", { attributes: { _assistant_conversation: state.conversationId } });
      })
      .then(
        function () {
          say(s.added + ": " + product.title);
          track([
            { type: "add_to_cart", productId: productNumber(product.productId), variantId: variantId, quantity: 1 },
          ]);
          refreshCart();
          document.dispatchEvent(new CustomEvent("storefront-assistant:cart-updated"));
        },
        function (error) {
          say((error && typeof error.description === "string" && error.description) || s.error);
        },
      )
      .then(function () {
        add.disabled = false;
      });
  }

  function productNumber(gid) {
    var match = /(\d+)$/.exec(String(gid));
    return match ? match[1] : null;
  }

  /** "8–12 Dec" in the shopper's locale; the dates are calendar dates (YYYY-MM-DD), so read in UTC. */
  function dateRange(earliest, latest) {
    var from = new Date(earliest + "T00:00:00Z");
    var to = new Date(latest + "T00:00:00Z");
    try {
      var format = new Intl.DateTimeFormat(config.locale || undefined, {
        day: "numeric",
        month: "short",
        timeZone: "UTC",
      });
      if (earliest === latest) return format.format(from);
      return format.formatRange ? format.formatRange(from, to) : format.format(from) + " – " + format.format(to);
    } catch {
      return earliest === latest ? earliest : earliest + " – " + latest;
    }
  }

  function renderOrder(order) {
    var card = el("div", "sa-order");
    card.appendChild(el("h3", null, s.orderStatus + " " + order.name));
    card.appendChild(el("p", null, order.statusText));
    var estimate = order.estimatedDelivery;
    if (estimate && estimate.earliest && estimate.latest) {
      card.appendChild(el("p", "sa-eta", s.estimatedDelivery + ": " + dateRange(estimate.earliest, estimate.latest)));
    }
    if (order.items && order.items.length) {
      var items = el("ul", "sa-small");
      order.items.slice(0, 10).forEach(function (item) {
        items.appendChild(el("li", null, item.quantity + " × " + item.title));
      });
      if (order.items.length > 10)
        items.appendChild(el("li", null, s.moreItems.replace("[count]", order.items.length - 10)));
      card.appendChild(items);
    }
    (order.tracking || []).forEach(function (parcel) {
      var text = s.tracking + ": " + [parcel.company, parcel.number].filter(Boolean).join(" ");
      // Carriers' sites are not the shop's own domain: their numbers are shown, not linked.
      var href = ownUrl(parcel.url);
      var line = el("p", "sa-small", href ? null : text);
      if (href) {
        var link = el("a", null, text);
        link.href = href;
        line.appendChild(link);
      }
      card.appendChild(line);
    });
    return card;
  }

  function renderSources(sources) {
    var list = el("ul", "sa-sources");
    sources.forEach(function (source) {
      var item = el("li");
      var href = ownUrl(source.url);
      if (href) {
        var link = el("a", null, source.title);
        link.href = href;
        item.appendChild(link);
      } else item.textContent = source.title;
      list.appendChild(item);
    });
    return list;
  }

  function renderThumbs(message) {
    var row = el("div", "sa-thumbs");
    var thanks = el("span", "sa-small");
    var up = button(null, null, s.helpful, function () {
      vote("up");
    });
    var down = button(null, null, s.notHelpful, function () {
      vote("down");
    });
    up.appendChild(thumb(false));
    down.appendChild(thumb(true));
    function show(value) {
      up.setAttribute("aria-pressed", String(value === 1));
      down.setAttribute("aria-pressed", String(value === -1));
    }
    function vote(value) {
      var current =
        up.getAttribute("aria-pressed") === "true"
          ? "up"
          : down.getAttribute("aria-pressed") === "true"
            ? "down"
            : null;
      var next = current === value ? null : value;
      show(next === "up" ? 1 : next === "down" ? -1 : 0);
      api("POST", "/feedback", {
        conversationId: state.conversationId,
        visitorToken: state.visitorToken,
        messageId: message.id,
        value: next,
      }).then(
        function () {
          thanks.textContent = next ? s.thanks : "";
        },
        function (error) {
          say(explain(error));
        },
      );
    }
    show(message.feedback);
    row.appendChild(up);
    row.appendChild(down);
    row.appendChild(thanks);
    return row;
  }

  // A thumb drawn as SVG: emoji glyphs are missing from many systems' fonts.
  function thumb(down) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    if (down) svg.setAttribute("transform", "rotate(180)");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute(
      "d",
      "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z",
    );
    svg.appendChild(path);
    return svg;
  }

  function showSuggestions(suggestions) {
    ui.suggest.textContent = "";
    suggestions.slice(0, 4).forEach(function (text) {
      ui.suggest.appendChild(
        button(null, text, null, function () {
          send(text);
        }),
      );
    });
  }

  /** The 1-5 rating, once there is an answer to rate; out of the way while a person is to answer. */
  function showRating() {
    ui.rating.hidden = state.rated || !state.answered || Boolean(state.handoff);
    if (ui.rating.hidden || ui.rating.childNodes.length) return;
    var question = el("p", null, s.rate);
    question.id = "sa-rate";
    var stars = el("div", "sa-stars");
    stars.setAttribute("role", "group");
    stars.setAttribute("aria-labelledby", "sa-rate");
    [1, 2, 3, 4, 5].forEach(function (value) {
      stars.appendChild(
        button(null, value + "★", value + " " + s.outOf5, function () {
          rate(value, stars);
        }),
      );
    });
    ui.rating.appendChild(question);
    ui.rating.appendChild(stars);
  }

  function rate(value, stars) {
    api("POST", "/feedback", {
      conversationId: state.conversationId,
      visitorToken: state.visitorToken,
      rating: value,
    }).then(
      function () {
        state.rated = true;
        Array.prototype.forEach.call(stars.children, function (star, index) {
          star.setAttribute("aria-pressed", String(index + 1 === value));
        });
        say(s.thanks);
      },
      function (error) {
        say(explain(error));
      },
    );
  }

  // ---- Handoff -------------------------------------------------------------------------------

  function applyConversation(conversation) {
    state.status = conversation.status;
    state.handoff = conversation.handoff;
    var box = ui.handoff;
    box.textContent = "";
    box.hidden = !conversation.handoff;
    if (conversation.rating) state.rated = true;
    showRating();
    if (conversation.handoff) {
      var online = conversation.handoff.online;
      box.appendChild(el("p", null, online ? s.handoff : conversation.handoff.offlineMessage || s.handoffOffline));
      if (!online && conversation.handoff.backAt)
        box.appendChild(el("p", "sa-small", backAt(conversation.handoff.backAt)));
      if (!online && !conversation.handoff.emailSaved) box.appendChild(emailForm());
      if (!online && conversation.handoff.emailSaved) box.appendChild(el("p", "sa-small", s.emailSaved));
      showSuggestions([]);
    }
    schedulePoll();
  }

  /** "Someone will be back Monday 09:00", in the shopper's language and time zone. */
  function backAt(iso) {
    var when = new Date(iso);
    var text;
    try {
      text = when.toLocaleString(config.locale || undefined, { weekday: "long", hour: "numeric", minute: "2-digit" });
    } catch {
      text = when.toLocaleString();
    }
    return String(s.backAt || "").replace("[time]", text);
  }

  function emailForm() {
    var form = el("form", "sa-row");
    var label = el("label", "sa-vh", s.emailLabel);
    label.htmlFor = "sa-email";
    var input = el("input");
    input.id = "sa-email";
    input.type = "email";
    input.required = true;
    input.autocomplete = "email";
    input.placeholder = s.emailLabel;
    var submit = el("button", "sa-button", s.emailSend);
    submit.type = "submit";
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(submit);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit.disabled = true;
      api("POST", "/handoff-email", {
        conversationId: state.conversationId,
        visitorToken: state.visitorToken,
        email: input.value,
      }).then(
        function () {
          form.replaceWith(el("p", "sa-small", s.emailSaved));
          say(s.emailSaved);
        },
        function (error) {
          submit.disabled = false;
          say(error.status === 422 ? s.emailInvalid : explain(error));
          input.focus();
        },
      );
    });
    return form;
  }

  /** While a person is to answer, new messages are fetched every 1.5 s (the panel open, the tab visible). */
  function schedulePoll() {
    clearTimeout(state.pollTimer);
    if (!state.open || state.status !== "waiting") return;
    state.pollTimer = setTimeout(poll, 1500);
  }

  function poll() {
    if (document.visibilityState === "hidden") return schedulePoll();
    api("GET", messagesAfter(state.lastSeq))
      .then(function (data) {
        data.messages.forEach(addMessage);
        applyConversation(data.conversation);
      })
      .catch(function (error) {
        var wait = error.status === 429 ? Math.max(error.retryAfter, 2) * 1000 : 5000;
        clearTimeout(state.pollTimer);
        state.pollTimer = setTimeout(poll, wait);
      });
  }

  function messagesAfter(seq) {
    return (
      "/messages?conversation=" +
      encodeURIComponent(state.conversationId) +
      "&visitor=" +
      encodeURIComponent(state.visitorToken) +
      "&after=" +
      seq
    );
  }

  function catchUp(after) {
    api("GET", messagesAfter(after)).then(
      function (data) {
        data.messages.forEach(addMessage);
      },
      function () {},
    );
  }

  // ---- Sending -------------------------------------------------------------------------------

  function send(raw) {
    var text = String(raw || "").trim();
    if (!text || state.busy) return;
    state.busy = true;
    ui.sendButton.disabled = true;
    ui.input.value = "";
    ui.input.style.height = "";
    showSuggestions([]);
    var mine = addBubble("shopper", text);
    var typing = state.status === "waiting" ? null : addBubble("assistant sa-typing", "");
    if (typing) typing.firstChild.textContent = s.typing;
    var key = randomKey();
    ensureSession()
      .then(function () {
        return apiRetrying("POST", "/messages", {
          conversationId: state.conversationId,
          visitorToken: state.visitorToken,
          idempotencyKey: key,
          text: text,
          consent: analyticsAllowed(),
          page: pageInfo(),
          cart: state.cart,
        });
      })
      .then(
        function (result) {
          // The bubble shown at once becomes the stored message (not shown, and announced, twice).
          var shownUpTo = state.lastSeq;
          state.seen[result.message.id] = true;
          state.lastSeq = Math.max(state.lastSeq, result.message.seq);
          // A person wrote while the chat was not polling (they took over an open conversation).
          if (result.message.seq > shownUpTo + 1) catchUp(shownUpTo);
          if (result.reply) addMessage(result.reply);
          applyConversation(result.conversation);
        },
        function (error) {
          mine.remove();
          if (!ui.input.value) ui.input.value = text;
          if (error.status === 404) {
            // The conversation is gone (expired or not ours): the next send starts a new one.
            store("c", null);
            state.conversationId = null;
            state.session = null;
          }
          say(explain(error));
        },
      )
      .then(function () {
        if (typing) typing.remove();
        state.busy = false;
        ui.sendButton.disabled = false;
      });
  }

  function changeTracking(off) {
    ensureSession()
      .then(function () {
        return api("POST", "/preferences", { visitorToken: state.visitorToken, trackingOff: off });
      })
      .then(
        function (result) {
          setTrackingOff(result.trackingOff);
          say(result.trackingOff ? s.optedOut : s.optedIn);
        },
        function (error) {
          say(explain(error));
        },
      );
  }

  // ---- Open and close ------------------------------------------------------------------------

  function show() {
    state.open = true;
    ui.root.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    ui.input.focus();
    ensureSession().then(schedulePoll, function (error) {
      say(explain(error));
    });
    if (!state.cart) refreshCart();
  }

  function hide() {
    state.open = false;
    clearTimeout(state.pollTimer);
    ui.root.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  window.__storefrontAssistant = {
    toggle: function (nextConfig, nextLauncher) {
      if (!ui) {
        config = nextConfig;
        s = config.strings;
        launcher = nextLauncher;
        state.trackingOff = stored("o") === "1";
        if (window.Shopify && !window.Shopify.customerPrivacy && window.Shopify.loadFeatures) {
          // Themes without a cookie banner may not have loaded the Customer Privacy API.
          window.Shopify.loadFeatures([{ name: "consent-tracking-api", version: "0.1" }], function () {});
        }
        ui = build();
      }
      if (state.open) hide();
      else show();
    },
  };
})();
