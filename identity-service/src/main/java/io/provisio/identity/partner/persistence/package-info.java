/** Partners and API clients in MongoDB ({@code partners}, {@code api_clients}), and the clients as Spring Authorization Server sees them. */
package io.provisio.identity.partner.persistence;
