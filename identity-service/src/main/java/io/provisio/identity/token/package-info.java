/** Issues the partners' access tokens: Spring Authorization Server, the signing key, the token's claims. */
package io.provisio.identity.token;
