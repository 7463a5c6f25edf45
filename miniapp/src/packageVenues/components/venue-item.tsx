import { Button, Text, View } from '@tarojs/components';
import type { Venue } from '../../api/venue-contract';
import { VENUE_TYPE_LABELS } from '../../api/venue-contract';

interface VenueItemProps {
  venue: Venue;
  onPoster: () => void;
  onCounts: () => void;
}

/** One of my venues: name, type and address, with its poster and its counts one tap away. */
export function VenueItem({ venue, onPoster, onCounts }: VenueItemProps) {
  return (
    <View id={`venue-${venue.id}`} className="card venue-item">
      <Text className="venue-item-name">{venue.name}</Text>
      <Text className="muted">
        {VENUE_TYPE_LABELS[venue.type]} · {venue.district} · {venue.address}
      </Text>
      <View className="venue-item-actions">
        <Button id={`venue-${venue.id}-poster`} className="secondary-button" onClick={onPoster}>
          场所码海报
        </Button>
        <Button id={`venue-${venue.id}-counts`} className="secondary-button" onClick={onCounts}>
          到访统计
        </Button>
      </View>
    </View>
  );
}
