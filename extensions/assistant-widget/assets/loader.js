// Storefront assistant loader. It draws the launcher and makes no request: the chat UI
// (chat.js + chat.css) loads the first time a shopper reaches for the launcher (pointer
// over it, focus, or click), so a store pays almost nothing until then.
(function () {
  "use strict";
  var configNode = document.getElementById("storefront-assistant-config");
  if (!configNode || window.__storefrontAssistantLoader) return;
  window.__storefrontAssistantLoader = true;
  var config;
  try {
    config = JSON.parse(configNode.textContent);
  } catch {
    return;
  }

  // Text on the accent: black or white, whichever contrasts more (WCAG luminance).
  var color = /^#[0-9a-f]{6}$/i.test(config.color) ? config.color : "#1f5c4d";
  var luminance = [1, 3, 5].reduce(function (sum, at, i) {
    var c = parseInt(color.slice(at, at + 2), 16) / 255;
    c = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    return sum + c * [0.2126, 0.7152, 0.0722][i];
  }, 0);
  config.color = color;
  config.onColor = luminance > 0.179 ? "#111" : "#fff";

  var side = config.position === "left" ? "left" : "right";
  var style = document.createElement("style");
  style.textContent =
    ".sa-launcher{position:fixed;bottom:20px;" +
    side +
    ":20px;z-index:2147483000;min-height:48px;padding:0 20px;border:0;border-radius:24px;background:" +
    color +
    ";color:" +
    config.onColor +
    ";font:600 16px/1 system-ui,sans-serif;box-shadow:0 2px 10px rgba(0,0,0,.25);cursor:pointer}" +
    ".sa-launcher:focus-visible{outline:3px solid #111;outline-offset:2px;box-shadow:0 0 0 6px #fff}";
  document.head.appendChild(style);

  var button = document.createElement("button");
  button.type = "button";
  button.className = "sa-launcher";
  button.setAttribute("aria-label", config.strings.open);
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-expanded", "false");
  button.textContent = config.label;

  // A product page viewed with analytics consent is noted in this browser only; the chat
  // sends the notes (as behaviour events) if and when the shopper opens it. Storage is
  // touched in idle time, not in the task that draws the launcher, to keep that task short.
  (window.requestIdleCallback || setTimeout)(function () {
    try {
      var privacy = window.Shopify && window.Shopify.customerPrivacy;
      if (config.productId && privacy && privacy.analyticsProcessingAllowed() && !localStorage.getItem("sa:o")) {
        var views = JSON.parse(localStorage.getItem("sa:views") || "[]").slice(-19);
        views.push([String(config.productId), Date.now()]);
        localStorage.setItem("sa:views", JSON.stringify(views));
      }
    } catch {
      // Storage blocked or the privacy API missing: nothing is noted.
    }
  });

  var loading = null;
  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = config.assets.style;
      document.head.appendChild(link);
      var script = document.createElement("script");
      script.src = config.assets.script;
      script.async = true;
      script.onload = function () {
        resolve(window.__storefrontAssistant);
      };
      script.onerror = function () {
        loading = null;
        script.remove();
        reject(new Error("chat failed to load"));
      };
      document.head.appendChild(script);
    });
    return loading;
  }
  function preload() {
    load().catch(function () {});
  }

  button.addEventListener("pointerenter", preload, { once: true });
  button.addEventListener("focus", preload, { once: true });
  button.addEventListener("click", function () {
    load().then(
      function (chat) {
        button.textContent = config.label;
        chat.toggle(config, button);
      },
      function () {
        button.textContent = config.strings.error;
      },
    );
  });
  document.body.appendChild(button);
})();
