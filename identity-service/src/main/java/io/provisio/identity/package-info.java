/** identity-service: partners' OAuth2 authorization server, customers' administrators and support contacts. */
package io.provisio.identity;
