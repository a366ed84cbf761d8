#!/usr/bin/env bash
# The folders of src/ and which of them each may include (ADR-016). A file
# includes another folder's header as "folder/name.h"; headers named
# *_impl.h are private to their folder. Fails naming every include that
# points up the layers, sideways between siblings, or into another folder's
# private header, so the architecture in the README stays the architecture
# in the code.
set -euo pipefail
cd "$(dirname "$0")/.."

# folder: the folders it may include (besides itself)
declare -A allowed=(
	[base]=""
	[yaml]="base"
	[records]="base yaml"
	[model]="base yaml records"
	[history]="base yaml records model"
	[radar]="base yaml records model"
	[events]="base"
	[diagram]="base yaml records model"
	[net]="base"
	[slo]="base yaml records model events"
	[api]="base yaml"
	[probe]="base yaml net api"
	[discover]="base yaml records model radar"
	[rules]="base yaml records model history radar events diagram api"
	[report]="base yaml records model history radar events diagram api rules"
	[site]="base yaml records model history radar events diagram api rules report slo"
	[cli]="base yaml records model history radar events diagram net api rules report slo discover site probe"
)

bad=0
for dir in src/*/; do
	folder=$(basename "$dir")
	if [ -z "${allowed[$folder]+set}" ]; then
		echo "src/$folder/: a folder scripts/layers.sh does not know (add it to the table and ADR-016)" >&2
		bad=1
		continue
	fi
	for f in "$dir"*.c "$dir"*.h; do
		[ -e "$f" ] || continue
		while IFS=: read -r line inc; do
			target=${inc%%/*}
			name=${inc#*/}
			if [ "$target" = "$inc" ]; then
				# a bare include must be a header of the same folder (or a system one)
				if [ ! -e "$dir$inc" ] && [ -e "$(ls src/*/"$inc" 2>/dev/null | head -1)" ]; then
					echo "$f:$line: '$inc' is another folder's header: include it as \"folder/$inc\"" >&2
					bad=1
				fi
				continue
			fi
			[ "$target" = "$folder" ] && continue
			case " ${allowed[$folder]} " in
			*" $target "*) ;;
			*)
				echo "$f:$line: src/$folder/ may not include src/$target/ ('$inc'); allowed: ${allowed[$folder]:-none}" >&2
				bad=1
				continue
				;;
			esac
			case $name in
			*_impl.h)
				echo "$f:$line: '$inc' is private to src/$target/" >&2
				bad=1
				;;
			esac
		done < <(grep -n '^#include "' "$f" | sed 's/^\([0-9]*\):#include "\([^"]*\)".*/\1:\2/')
	done
done
if [ "$bad" -ne 0 ]; then
	echo "layers: includes break the layering (see scripts/layers.sh and arch/decisions/0016-*)" >&2
	exit 1
fi
