import { useRouter } from '@tarojs/taro';
import { routeParam } from '../../constants/pages';

/** The family member a page acts for (`?personId=`), undefined for oneself. */
export function useRoutePerson(): string | undefined {
  const { params } = useRouter();
  return routeParam(params, 'personId') || undefined;
}
