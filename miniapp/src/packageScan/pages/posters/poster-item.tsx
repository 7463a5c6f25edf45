import { Text, View } from '@tarojs/components';

interface PosterItemProps {
  id: string;
  name: string;
  detail: string;
  onOpen: () => void;
}

/** One place in the posters list: its name and address, the whole row opening its poster. */
export function PosterItem({ id, name, detail, onOpen }: PosterItemProps) {
  return (
    <View id={`poster-item-${id}`} className="poster-item" onClick={onOpen}>
      <View className="poster-item-text">
        <Text className="poster-item-name">{name}</Text>
        {detail ? <Text className="poster-item-address">{detail}</Text> : null}
      </View>
      <Text id={`poster-open-${id}`} className="poster-item-link">
        海报 ›
      </Text>
    </View>
  );
}
