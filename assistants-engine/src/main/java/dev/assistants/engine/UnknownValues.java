package dev.assistants.engine;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.assistants.api.ApiEnum;
import dev.assistants.api.UnknownVariant;

/**
 * Finds, in a request read into the model, a value the specification does not allow although the
 * tolerant model kept it: an enum value it does not list or a union variant of an unknown type.
 */
final class UnknownValues {

	private UnknownValues() {
	}

	/**
	 * The path of the first unknown value, or {@code null} if every value is known.
	 */
	static @Nullable String find(@Nullable Object value, String path) {
		if (value instanceof ApiEnum known) {
			return known.isKnown() ? null : path;
		}
		if (value instanceof UnknownVariant) {
			return path;
		}
		if (value instanceof Collection<?> elements) {
			int index = 0;
			for (Object element : elements) {
				String found = find(element, path + "[" + index++ + "]");
				if (found != null) {
					return found;
				}
			}
		}
		if (value instanceof Map<?, ?> map) {
			return find(map.values(), path);
		}
		if (value != null && value.getClass().isRecord()) {
			for (RecordComponent component : value.getClass().getRecordComponents()) {
				try {
					String found = find(component.getAccessor().invoke(value), path.isEmpty() ? component.getName()
							: path + "." + component.getName());
					if (found != null) {
						return found;
					}
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return null;
	}

}
