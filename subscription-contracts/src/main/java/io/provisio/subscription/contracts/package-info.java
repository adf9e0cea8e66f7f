/** Message contracts owned by subscription: subscription-service's commands and replies. No Spring here (ADR 001). */
package io.provisio.subscription.contracts;
