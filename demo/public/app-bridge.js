// A stand-in for Shopify's App Bridge (served from cdn.shopify.com in production,
// unreachable from these machines). It does what the embedded app relies on:
// - `shopify.idToken()` and a session token on every same-origin fetch, as App Bridge does;
// - the session-token bounce page (/auth/session-token?shopify-reload=…);
// - <ui-nav-menu>, <ui-title-bar>, <ui-save-bar> and <ui-modal>, drawn by the demo admin
//   or in the frame; `shopify.toast`, `shopify.loading`, `shopify.saveBar`.
(function () {
  "use strict";
  var script = document.currentScript;
  var apiKey = script && script.getAttribute("data-api-key");
  var cached = null;

  function idToken() {
    if (cached && cached.expires > Date.now() + 5000) return Promise.resolve(cached.token);
    return window
      .__demoOriginalFetch("/__demo/session-token", { credentials: "same-origin" })
      .then(function (r) {
        return r.json();
      })
      .then(function (body) {
        cached = { token: body.token, expires: Date.now() + 50000 };
        return body.token;
      });
  }

  window.__demoOriginalFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var request = new Request(input, init);
    var url = new URL(request.url, location.href);
    if (url.origin !== location.origin || url.pathname.indexOf("/__demo/") === 0)
      return window.__demoOriginalFetch(request);
    return idToken().then(function (token) {
      var headers = new Headers(request.headers);
      if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + token);
      return window.__demoOriginalFetch(new Request(request, { headers: headers }));
    });
  };

  if (location.pathname === "/auth/session-token") {
    var params = new URLSearchParams(location.search);
    var target = params.get("shopify-reload");
    if (target) {
      idToken().then(function (token) {
        var next = new URL(target, location.href);
        if (next.origin !== location.origin) return;
        next.searchParams.set("id_token", token);
        location.replace(next.toString());
      });
    }
  }

  function post(message) {
    message.source = "demo-app-bridge";
    if (window.parent !== window) window.parent.postMessage(message, location.origin);
  }

  // ---- Toasts and the loading bar ----
  var toastRegion = null;
  function showToast(message, options) {
    if (!toastRegion) {
      toastRegion = document.createElement("div");
      toastRegion.setAttribute("role", "status");
      toastRegion.setAttribute("aria-live", "polite");
      toastRegion.style.cssText =
        "position:fixed;left:50%;bottom:24px;transform:translateX(-50%);z-index:100000;display:flex;flex-direction:column;gap:8px";
      document.body.appendChild(toastRegion);
    }
    var toast = document.createElement("div");
    toast.className = "demo-toast";
    toast.textContent = message;
    var error = options && options.isError;
    toast.style.cssText =
      "padding:10px 16px;border-radius:8px;color:#fff;font:500 14px system-ui;box-shadow:0 4px 12px rgba(0,0,0,.2);background:" +
      (error ? "#8e1f0b" : "#303030");
    toastRegion.appendChild(toast);
    setTimeout(
      function () {
        toast.remove();
      },
      (options && options.duration) || 5000,
    );
    return String(Date.now());
  }

  var saveBars = {};
  window.shopify = {
    config: {
      apiKey: apiKey,
      host: new URLSearchParams(location.search).get("host"),
      shop: new URLSearchParams(location.search).get("shop"),
    },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: idToken,
    toast: { show: showToast, hide: function () {} },
    loading: function (on) {
      document.documentElement.style.cursor = on ? "progress" : "";
    },
    saveBar: {
      show: function (id) {
        var el = saveBars[id] || document.getElementById(id);
        if (el) el.show();
        return Promise.resolve();
      },
      hide: function (id) {
        var el = saveBars[id] || document.getElementById(id);
        if (el) el.hide();
        return Promise.resolve();
      },
      toggle: function (id) {
        var el = saveBars[id] || document.getElementById(id);
        if (el) el.showing ? el.hide() : el.show();
        return Promise.resolve();
      },
      leaveConfirmation: function () {
        return Promise.resolve();
      },
    },
  };

  // ---- Custom elements that App Bridge React renders ----
  function define(name, cls) {
    if (!customElements.get(name)) customElements.define(name, cls);
  }

  define(
    "ui-nav-menu",
    class extends HTMLElement {
      connectedCallback() {
        this.style.display = "none";
        var self = this;
        var report = function () {
          var links = Array.prototype.map.call(self.querySelectorAll("a"), function (a) {
            return { label: a.textContent.trim(), href: a.getAttribute("href") };
          });
          post({ type: "nav", links: links, current: location.pathname });
        };
        report();
        new MutationObserver(report).observe(this, { childList: true, subtree: true, characterData: true });
        window.addEventListener("popstate", report);
        var pushState = history.pushState;
        history.pushState = function () {
          pushState.apply(history, arguments);
          setTimeout(report, 0);
        };
        window.addEventListener("message", function (event) {
          if (event.origin !== location.origin || !event.data || event.data.source !== "demo-admin") return;
          if (event.data.type === "navigate") {
            var anchor = self.querySelectorAll("a")[event.data.index];
            // App Bridge announces navigation this way; the Remix AppProvider listens.
            if (anchor) anchor.dispatchEvent(new Event("shopify:navigate", { bubbles: true }));
          }
        });
      }
    },
  );

  define(
    "ui-title-bar",
    class extends HTMLElement {
      connectedCallback() {
        this.style.display = "none";
        post({ type: "title", title: this.getAttribute("title") });
      }
      static get observedAttributes() {
        return ["title"];
      }
      attributeChangedCallback() {
        post({ type: "title", title: this.getAttribute("title") });
      }
    },
  );

  define(
    "ui-save-bar",
    class extends HTMLElement {
      constructor() {
        super();
        this.showing = false;
        this.bar = null;
      }
      connectedCallback() {
        this.style.display = "none";
        if (this.id) saveBars[this.id] = this;
      }
      disconnectedCallback() {
        this.hide();
        if (this.id) delete saveBars[this.id];
      }
      show() {
        if (this.showing) return;
        this.showing = true;
        var bar = document.createElement("div");
        bar.className = "demo-save-bar";
        bar.setAttribute("role", "region");
        bar.setAttribute("aria-label", "Unsaved changes");
        bar.style.cssText =
          "position:fixed;top:0;left:0;right:0;z-index:100000;display:flex;align-items:center;gap:8px;padding:8px 16px;background:#303030;color:#fff;font:500 14px system-ui";
        var label = document.createElement("span");
        label.textContent = "Unsaved changes";
        label.style.marginRight = "auto";
        bar.appendChild(label);
        Array.prototype.forEach.call(this.querySelectorAll("button"), function (source) {
          var button = document.createElement("button");
          button.type = "button";
          button.textContent =
            source.textContent.trim() || (source.getAttribute("variant") === "primary" ? "Save" : "Discard");
          button.disabled = source.disabled || source.hasAttribute("loading");
          button.style.cssText =
            "padding:6px 12px;border-radius:8px;border:0;font:600 13px system-ui;cursor:pointer;" +
            (source.getAttribute("variant") === "primary"
              ? "background:#fff;color:#303030"
              : "background:#4a4a4a;color:#fff");
          button.addEventListener("click", function () {
            source.click();
          });
          bar.appendChild(button);
        });
        document.body.appendChild(bar);
        this.bar = bar;
        this.dispatchEvent(new Event("show"));
      }
      hide() {
        if (!this.showing) return;
        this.showing = false;
        if (this.bar) this.bar.remove();
        this.bar = null;
        this.dispatchEvent(new Event("hide"));
      }
      toggle() {
        this.showing ? this.hide() : this.show();
      }
    },
  );

  define(
    "ui-modal",
    class extends HTMLElement {
      connectedCallback() {
        if (!this.dialog) this.style.display = "none";
      }
      show() {
        if (this.dialog) return;
        var self = this;
        var dialog = document.createElement("dialog");
        dialog.className = "demo-modal";
        dialog.style.cssText =
          "border:0;border-radius:12px;padding:16px;max-width:min(40rem,90vw);box-shadow:0 10px 30px rgba(0,0,0,.3)";
        var titleBar = this.querySelector("ui-title-bar");
        var heading = document.createElement("h2");
        heading.textContent = titleBar ? titleBar.getAttribute("title") || "" : "";
        heading.style.cssText = "margin:0 0 12px;font:650 16px system-ui";
        dialog.appendChild(heading);
        // The modal's own content moves into the dialog while it is open and back after.
        this.moved = Array.prototype.filter.call(this.children, function (child) {
          return child !== titleBar;
        });
        this.moved.forEach(function (child) {
          dialog.appendChild(child);
        });
        var actions = document.createElement("div");
        actions.style.cssText = "display:flex;gap:8px;justify-content:flex-end;margin-top:12px";
        Array.prototype.forEach.call(titleBar ? titleBar.querySelectorAll("button") : [], function (source) {
          var button = document.createElement("button");
          button.type = "button";
          button.textContent = source.textContent.trim();
          button.addEventListener("click", function () {
            source.click();
          });
          actions.appendChild(button);
        });
        dialog.appendChild(actions);
        dialog.addEventListener("close", function () {
          self.hide();
        });
        document.body.appendChild(dialog);
        dialog.showModal();
        this.dialog = dialog;
        this.dispatchEvent(new Event("show"));
      }
      hide() {
        if (!this.dialog) return;
        var self = this;
        var dialog = this.dialog;
        this.dialog = null;
        (this.moved || []).forEach(function (child) {
          self.appendChild(child);
        });
        this.moved = [];
        dialog.remove();
        this.dispatchEvent(new Event("hide"));
      }
      toggle() {
        this.dialog ? this.hide() : this.show();
      }
    },
  );
})();
