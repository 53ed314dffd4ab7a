package dev.kysera.examples.shop;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** A product to list, with its opening stock. */
public record NewProduct(@Positive long categoryId, @NotBlank @Size(max = 64) String sku, @NotBlank @Size(max = 200) String name,
                         @PositiveOrZero long priceCents, @PositiveOrZero int stock) {
}
