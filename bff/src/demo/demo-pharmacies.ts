/** Demo pharmacies around Hefei's centre, in the shape of the pharmacies table. */
export const DEMO_PHARMACIES = [
  { id: 'ph-001', name: '同仁堂大药房（长江中路店）', address: '庐阳区长江中路 98 号', district: '庐阳区', latitude: 31.8639, longitude: 117.2830, phone: '0551-62601234', opening_hours: '08:00-21:00' },
  { id: 'ph-002', name: '国大药房（三孝口店）', address: '庐阳区长江中路 336 号', district: '庐阳区', latitude: 31.8671, longitude: 117.2711, phone: '0551-62655678', opening_hours: '08:30-20:30' },
  { id: 'ph-003', name: '益丰大药房（政务区店）', address: '蜀山区潜山路 188 号', district: '蜀山区', latitude: 31.8202, longitude: 117.2245, phone: '0551-63451122', opening_hours: '08:00-22:00' },
  { id: 'ph-004', name: '老百姓大药房（包河万达店）', address: '包河区马鞍山路 130 号', district: '包河区', latitude: 31.8478, longitude: 117.3103, phone: '0551-64283344', opening_hours: '09:00-21:00' },
  { id: 'ph-005', name: '华氏大药房（瑶海店）', address: '瑶海区胜利路 1 号', district: '瑶海区', latitude: 31.8756, longitude: 117.3201, phone: '0551-64667788', opening_hours: '08:00-20:00' },
];
