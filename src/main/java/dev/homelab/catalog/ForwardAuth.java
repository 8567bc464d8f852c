package dev.homelab.catalog;

import java.util.List;

/**
 * How a proxy asks a single sign-on service whether a request may pass (the descriptor's
 * {@code forwardAuth} block of Authelia, oauth2-proxy, ...).
 *
 * <ul>
 *   <li>{@code verify}: the path Caddy and Traefik call; 2xx lets the request pass.
 *   <li>{@code redirects}: true when {@code verify} itself answers a browser without a session
 *       with a redirect to the sign-in page; false when it answers 401 and the proxy must send
 *       the browser to {@code signIn}.
 *   <li>{@code authRequest}: the path Nginx's {@code auth_request} calls (2xx or 401).
 *   <li>{@code signIn}: appended to the provider's own URL, then the original URL: where a
 *       browser goes after a 401.
 *   <li>{@code groupsQuery}: a query parameter of {@code verify} naming the groups a site
 *       admits; absent when the provider keeps per-site rules itself (Authelia's access control).
 *   <li>{@code headers}: the identity headers passed on to the service.
 * </ul>
 */
public record ForwardAuth(
    String verify, Boolean redirects, String authRequest, String signIn, String groupsQuery, List<String> headers) {

  public ForwardAuth {
    if (verify == null || !verify.startsWith("/")) {
      throw new IllegalArgumentException("forwardAuth.verify must be a path starting with /");
    }
    redirects = redirects == null ? Boolean.FALSE : redirects;
    authRequest = authRequest == null ? verify : authRequest;
    signIn = signIn == null ? "/?rd=" : signIn;
    headers = headers == null ? List.of() : List.copyOf(headers);
  }
}
